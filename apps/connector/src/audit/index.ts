// What other contexts and the composition floor may use of audit (ADR 0018): everything else in this folder is internal.
export { AuditModule } from './audit.module.js';
export { AdminAuditService } from './admin-audit.service.js';
export type { AuditedRequest } from './admin-audit.service.js';
export { AdminAuditEventEntity } from './entities/admin-audit-event.entity.js';
