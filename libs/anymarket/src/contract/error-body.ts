/**
 * ANYMARKET's error answer (schemas 400/404/422/500 of marketplace_pt.yaml). `code` is a string in the
 * schema ("400") but a number in the 404 example (404): both occur.
 */
export interface AnymarketErrorBody {
  code: string | number;
  message: string;
}
