import { ApiProperty } from '@nestjs/swagger';

export class SystemInfoDto {
  @ApiProperty({ example: '0.1.0' }) version: string;
  @ApiProperty({ description: 'True when the bundled simulator stands in for Marketplacer and ANYMARKET' }) demoMode: boolean;
  @ApiProperty({ example: 'sqlite', enum: ['sqlite', 'postgres'] }) database: 'sqlite' | 'postgres';
  @ApiProperty({ type: [String], description: 'Applied migrations, oldest first' }) migrations: string[];
  @ApiProperty({ description: 'True when committed migrations are not yet applied' }) migrationsPending: boolean;
  @ApiProperty({ example: 'http://127.0.0.1:3001/graphql' }) marketplacerApiUrl: string;
  @ApiProperty() uptimeSeconds: number;
}
