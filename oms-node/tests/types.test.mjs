// The TypeScript declarations: a correct program compiles under
// `tsc --strict` (and runs), misspelt statuses, kinds and codes do not, and
// the hand-written unions in types.d.ts list exactly what the library
// reports at run time.

import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'

import {
  ERROR_CODES,
  EVENT_TYPES,
  ORDER_TRANSITIONS,
  PAYMENT_TRANSITIONS,
  SHIPMENT_TRANSITIONS,
  TRANSFER_TRANSITIONS,
} from '../index.js'
import { tempDir } from './helpers.mjs'

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)))
const FIXTURES = join(PACKAGE, 'tests', 'types')
const require = createRequire(import.meta.url)
const TSC = require.resolve('typescript/bin/tsc')
const ts = require('typescript')

/** Runs tsc with `args`; returns its exit status and output. */
function tsc(...args) {
  const run = spawnSync(process.execPath, [TSC, ...args], { cwd: PACKAGE, encoding: 'utf8' })
  return { status: run.status, output: `${run.stdout}${run.stderr}` }
}

test('a correct program using the package compiles under tsc --strict --noEmit', () => {
  const { status, output } = tsc('--strict', '--noEmit', '-p', join(FIXTURES, 'tsconfig.json'))
  assert.equal(output, '')
  assert.equal(status, 0)
})

test('misspelt statuses, kinds and codes fail tsc --strict, each error naming its typo', () => {
  const { status, output } = tsc('--strict', '--noEmit', '-p', join(FIXTURES, 'tsconfig.typos.json'))
  assert.notEqual(status, 0, 'the typos must not compile')

  const source = readFileSync(join(FIXTURES, 'typos.ts'), 'utf8').split('\n')
  const expected = new Map()
  source.forEach((line, index) => {
    const marked = /\/\/ typo: "([^"]+)"/.exec(line)
    if (marked) expected.set(index + 1, marked[1])
  })
  assert.ok(expected.size >= 10, 'typos.ts marks its typos')

  const errors = new Map()
  for (const line of output.split('\n')) {
    const error = /typos\.ts\((\d+),\d+\): error (TS\d+): (.*)$/.exec(line)
    if (error) errors.set(Number(error[1]), error[3])
  }
  assert.deepEqual([...errors.keys()].sort((a, b) => a - b), [...expected.keys()], output)
  for (const [line, typo] of expected) {
    assert.ok(errors.get(line).includes(`"${typo}"`), `line ${line} should name "${typo}": ${errors.get(line)}`)
  }
})

/** The string literals of the union type alias `name` in types.d.ts. */
function unionMembers(name) {
  const file = join(PACKAGE, 'types.d.ts')
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [] })
  const checker = program.getTypeChecker()
  const alias = program
    .getSourceFile(file)
    .statements.find((statement) => ts.isTypeAliasDeclaration(statement) && statement.name.text === name)
  assert.ok(alias, `types.d.ts declares ${name}`)
  const type = checker.getTypeAtLocation(alias.name)
  const members = type.isUnion() ? type.types : [type]
  return members.map((member) => {
    assert.ok(member.isStringLiteral(), `${name} is a union of string literals`)
    return member.value
  })
}

const sorted = (values) => [...new Set(values)].sort()

test('ErrorCode in the declarations is exactly errorCodes() at run time', () => {
  assert.deepEqual(sorted(unionMembers('ErrorCode')), sorted(ERROR_CODES))
  assert.equal(unionMembers('ErrorCode').length, ERROR_CODES.length)
})

test('EventType in the declarations is exactly EVENT_TYPES at run time', () => {
  assert.deepEqual(sorted(unionMembers('EventType')), sorted(EVENT_TYPES))
  assert.ok(EVENT_TYPES.includes('order_cancelled'))
})

test('OrderStatus, TransferStatus and PaymentStatus are exactly the statuses of the transition graphs', () => {
  assert.deepEqual(sorted(unionMembers('OrderStatus')), sorted(ORDER_TRANSITIONS.flat()))
  assert.deepEqual(sorted(unionMembers('TransferStatus')), sorted(TRANSFER_TRANSITIONS.flat()))
  assert.deepEqual(sorted(unionMembers('ShipmentStatus')), sorted(SHIPMENT_TRANSITIONS.flat()))
  assert.deepEqual(sorted(unionMembers('PaymentStatus')), sorted(PAYMENT_TRANSITIONS.flat()))
})

test('the typed example also runs, and does what its types say', async (t) => {
  const dir = tempDir(t)
  const out = join(dir, 'out')
  const { status, output } = tsc('-p', join(FIXTURES, 'tsconfig.json'), '--noEmit', 'false', '--outDir', out)
  assert.equal(output, '')
  assert.equal(status, 0)
  writeFileSync(join(out, 'package.json'), '{ "type": "module" }\n')
  mkdirSync(join(out, 'node_modules'))
  symlinkSync(PACKAGE, join(out, 'node_modules', 'oms-kit'), 'dir')
  const { main } = await import(pathToFileURL(join(out, 'good.js')).href)
  assert.deepEqual(await main(), [
    'warehouse',
    'half_even',
    'nearest',
    '39.98',
    'open',
    'ship',
    'wh-east',
    '1',
    '1',
    'cart-1',
    'receipt',
    'location_upserted',
    'TEE-M',
    'null',
    'wh-east',
    'USD',
    '2',
    'TEE-M:9:3',
    '2026-01-01T00:01:01.000000Z',
    'invalid_input',
    'open',
    'open',
  ])
})
