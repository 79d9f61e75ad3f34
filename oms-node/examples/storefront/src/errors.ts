// OmsError → HTTP response, from the one table in docs/http-statuses.json.
//
// The status follows the error's category (`err.category`: invalid_input,
// not_found, rejected, conflict, storage), unless its code has a status of
// its own in the table; the body is the error's stable parts as JSON. The
// Python example service and the test that writes docs/ERRORS.md read the
// same file, so the three cannot disagree. (Copying this example out of the
// repository? Copy the JSON beside it and point STATUS_TABLE at it.)

import { readFileSync } from 'node:fs'

import type { OmsError } from 'oms-kit'

/** The repository's docs/http-statuses.json, from dist/ (or src/). */
export const STATUS_TABLE = new URL('../../../../docs/http-statuses.json', import.meta.url)

interface StatusTable {
  by_category: Record<string, number>
  by_code: Record<string, { status: number; why: string }>
}

const table = JSON.parse(readFileSync(STATUS_TABLE, 'utf8')) as StatusTable

/** The HTTP status of an error with this code and category. */
export function statusFor(code: string, category: string): number {
  const status = table.by_code[code]?.status ?? table.by_category[category]
  if (status === undefined) {
    throw new Error(`${STATUS_TABLE.pathname} has no status for category ${category}`)
  }
  return status
}

/** What every error response holds: the same keys for the library's errors and the service's own. */
export interface ErrorBody {
  code: string
  category: string
  field: string | null
  message: string
  details: Record<string, unknown>
}

export function errorBody(code: string, category: string, message: string, field: string | null = null,
                          details: object = {}): ErrorBody {
  return { code, category, field, message, details: { ...details } }
}

/** The status and JSON body that answer `error`. */
export function describe(error: OmsError): [number, ErrorBody] {
  return [
    statusFor(error.code, error.category),
    errorBody(error.code, error.category, error.message, error.field, error.details),
  ]
}
