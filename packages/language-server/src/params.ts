/**
 * Checks of a request's parameters before a feature reads them. A client that sends `params: null`
 * or a position without a line gets the invalid-params error (-32602) naming what is wrong, not an
 * internal error (-32603) from a TypeError deep in a feature.
 */
import { ErrorCodes, ResponseError } from 'vscode-languageserver';

/** What a request's parameters must hold besides `textDocument.uri`. */
export interface Needs {
  position?: boolean;
  range?: boolean;
  /** `options.tabSize` and `options.insertSpaces` (formatting). */
  formatting?: boolean;
  /** `context.diagnostics` (code actions). */
  diagnostics?: boolean;
  /** `context.includeDeclaration` (references). */
  includeDeclaration?: boolean;
  /** `newName` (rename). */
  newName?: boolean;
}

/** Throws the invalid-params error when `params` lacks what `method` reads. */
export function checkParams(method: string, params: unknown, needs: Needs = {}): void {
  const problem = describe(params, needs);
  if (problem !== null) throw new ResponseError(ErrorCodes.InvalidParams, `${method}: ${problem}`);
}

function describe(params: unknown, needs: Needs): string | null {
  if (!isObject(params)) return `params must be an object, not ${kindOf(params)}`;
  const document = params.textDocument;
  if (!isObject(document) || typeof document.uri !== 'string') return 'params.textDocument.uri must be a string';
  if (needs.position && !isPosition(params.position)) return 'params.position must be {line, character} with whole numbers from 0';
  if (needs.range && !(isObject(params.range) && isPosition(params.range.start) && isPosition(params.range.end))) {
    return 'params.range must be {start, end} positions with whole numbers from 0';
  }
  if (needs.formatting && !(isObject(params.options) && typeof params.options.tabSize === 'number' && typeof params.options.insertSpaces === 'boolean')) {
    return 'params.options must hold tabSize (a number) and insertSpaces (a boolean)';
  }
  if (needs.diagnostics && !(isObject(params.context) && Array.isArray(params.context.diagnostics) && params.context.diagnostics.every(isDiagnostic))) {
    return 'params.context.diagnostics must be an array of diagnostics with ranges';
  }
  if (needs.diagnostics && isObject(params.context) && params.context.only !== undefined && !(Array.isArray(params.context.only) && params.context.only.every((k) => typeof k === 'string'))) {
    return 'params.context.only must be an array of strings';
  }
  if (needs.includeDeclaration && !(isObject(params.context) && typeof params.context.includeDeclaration === 'boolean')) {
    return 'params.context.includeDeclaration must be a boolean';
  }
  if (needs.newName && typeof params.newName !== 'string') return 'params.newName must be a string';
  return null;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): boolean {
  return isObject(value) && isIndex(value.line) && isIndex(value.character);
}

function isIndex(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

function isDiagnostic(value: unknown): boolean {
  return isObject(value) && isObject(value.range) && isPosition(value.range.start) && isPosition(value.range.end);
}

function kindOf(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}
