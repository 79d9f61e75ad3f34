// The Node face of the core's operation table (OPERATIONS): every operation
// is a Promise method and a `Sync` twin on Oms.prototype, declared in
// native.d.ts with the table's parameters; index.d.ts exports the class and
// the table; and no storage method exists outside the table. An operation
// added to the core without its Node methods fails here.

import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'

import { OPERATIONS, Oms, OmsError } from '../index.js'

const PACKAGE = dirname(dirname(fileURLToPath(import.meta.url)))
const ts = createRequire(import.meta.url)('typescript')

// What Oms.prototype has besides the operations: closing the store.
const LIFECYCLE = ['close', 'closed', 'constructor']

/** The statements of a declaration file. */
function declarations(name) {
  const file = join(PACKAGE, name)
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true).statements
}

/** The methods of `class Oms` in native.d.ts: name → { parameters, returns } as written. */
function declaredMethods() {
  const oms = declarations('native.d.ts').find((node) => ts.isClassDeclaration(node) && node.name?.text === 'Oms')
  assert.ok(oms, 'native.d.ts declares class Oms')
  const methods = new Map()
  for (const member of oms.members) {
    if (ts.isMethodDeclaration(member) && !member.modifiers?.some((m) => m.kind === ts.SyntaxKind.StaticKeyword)) {
      methods.set(member.name.getText(), {
        parameters: member.parameters.map((parameter) => parameter.getText()).join(', '),
        returns: member.type.getText(),
      })
    }
  }
  return methods
}

const camelCase = (name) => name.replace(/_([a-z])/g, (_, letter) => letter.toUpperCase())

test('OPERATIONS holds every operation, each with its two JavaScript names', () => {
  assert.ok(OPERATIONS.length >= 40)
  assert.ok(Object.isFrozen(OPERATIONS) && OPERATIONS.every(Object.isFrozen))
  assert.equal(new Set(OPERATIONS.map(({ name }) => name)).size, OPERATIONS.length)
  for (const { name, kind, node, sync, doc } of OPERATIONS) {
    assert.ok(kind === 'read' || kind === 'write', `${name}: ${kind}`)
    assert.equal(node, camelCase(name))
    assert.equal(sync, `${node}Sync`)
    assert.ok(doc.length > 0 && !doc.includes('\n'), name)
  }
  const placeOrder = OPERATIONS.find(({ name }) => name === 'place_order')
  assert.deepEqual(
    { ...placeOrder, doc: undefined },
    {
      name: 'place_order',
      kind: 'write',
      node: 'placeOrder',
      sync: 'placeOrderSync',
      parameters: 'input: PlaceOrderInput',
      doc: undefined,
    },
  )
  // Constructors and Rust-only methods are not storage calls of the bindings.
  const names = new Set(OPERATIONS.map(({ name }) => name))
  for (const rustOnly of ['open', 'in_memory', 'open_with_clock', 'new', 'register_strategy', 'storage_statements']) {
    assert.ok(!names.has(rustOnly), rustOnly)
  }
})

test('every operation is a Promise method and a Sync twin on Oms.prototype', async () => {
  for (const { node, sync } of OPERATIONS) {
    assert.equal(typeof Oms.prototype[node], 'function', `Oms has no ${node}: add it to oms-node/src/lib.rs`)
    assert.equal(typeof Oms.prototype[sync], 'function', `Oms has no ${sync}: add it to oms-node/src/lib.rs`)
  }
  // Called without arguments on a closed store, the Promise method returns a
  // promise that rejects, and the twin throws at once: both with store_closed.
  const closed = Oms.inMemory()
  closed.close()
  for (const { node, sync } of OPERATIONS) {
    const promise = closed[node]()
    assert.ok(promise instanceof Promise, `${node} returns a Promise`)
    await assert.rejects(promise, (error) => error instanceof OmsError && error.code === 'store_closed', node)
    assert.throws(() => closed[sync](), (error) => error instanceof OmsError && error.code === 'store_closed', sync)
  }
})

test('every operation is declared in native.d.ts with the parameters of the table, both forms alike', () => {
  const methods = declaredMethods()
  for (const { node, sync, parameters } of OPERATIONS) {
    assert.ok(methods.has(node), `native.d.ts declares no ${node}`)
    assert.ok(methods.has(sync), `native.d.ts declares no ${sync}`)
    const promise = methods.get(node)
    const blocking = methods.get(sync)
    assert.equal(promise.parameters, parameters, node)
    assert.equal(blocking.parameters, parameters, sync)
    assert.equal(promise.returns, `Promise<${blocking.returns}>`, `${node} resolves to what ${sync} returns`)
  }
})

test('index.d.ts exports the declared class and the table', () => {
  const statements = declarations('index.d.ts')
  const exported = statements
    .filter((node) => ts.isExportDeclaration(node) && node.moduleSpecifier?.text === './native')
    .flatMap((node) => node.exportClause.elements.map((element) => element.name.text))
  assert.ok(exported.includes('Oms') && exported.includes('Operation'), `index.d.ts re-exports ${exported}`)
  const constants = statements
    .filter((node) => ts.isVariableStatement(node))
    .flatMap((node) => node.declarationList.declarations.map((declaration) => declaration.name.text))
  assert.ok(constants.includes('OPERATIONS'), 'index.d.ts declares OPERATIONS')
})

test('no method of Oms, at run time or declared, is outside the table', () => {
  const names = new Set(OPERATIONS.flatMap(({ node, sync }) => [node, sync]))
  const runtime = Object.getOwnPropertyNames(Oms.prototype).filter((name) => !names.has(name))
  assert.deepEqual(runtime.sort(), LIFECYCLE)
  const declared = [...declaredMethods().keys()].filter((name) => !names.has(name))
  assert.deepEqual(declared, ['close'])
})
