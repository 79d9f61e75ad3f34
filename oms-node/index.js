'use strict'

// Entry point of the package: the native `Oms` class, with every error it
// throws or rejects with turned into an `OmsError`.
//
// The addon (found by loader.js: built beside this file in a checkout, or the
// installed platform package) throws plain `Error`s whose `code`, `field` and
// `category` properties carry the core's error. Here each method of the
// native class is wrapped once, generically, to rethrow those as `OmsError`.
// Errors raised by N-API itself (it could not read an argument, or `this` is
// not an `Oms`) become `invalid_input`; anything else unexpected from the
// addon becomes `internal_error`, so callers only ever see `OmsError`.

const native = require('./loader.js').load()

const ERROR_CODES = Object.freeze(native.errorCodes())
const EVENT_TYPES = Object.freeze(native.eventTypes())
const ORDER_TRANSITIONS = Object.freeze(native.orderTransitions().map((edge) => Object.freeze(edge)))
const TRANSFER_TRANSITIONS = Object.freeze(native.transferTransitions().map((edge) => Object.freeze(edge)))
const SHIPMENT_TRANSITIONS = Object.freeze(native.shipmentTransitions().map((edge) => Object.freeze(edge)))
const PAYMENT_TRANSITIONS = Object.freeze(native.paymentTransitions().map((edge) => Object.freeze(edge)))
const OPERATIONS = Object.freeze(native.operations().map((operation) => Object.freeze(operation)))

const KNOWN_CODES = new Set(ERROR_CODES)

class OmsError extends Error {
  /**
   * @param {string} message
   * @param {{ code: string, field?: string | null, category: string, details?: object, cause?: unknown }} options
   */
  constructor(message, { code, field = null, category, details = {}, cause } = {}) {
    super(message, cause === undefined ? undefined : { cause })
    this.name = 'OmsError'
    this.code = code
    this.field = field
    this.category = category
    this.details = details
  }
}

function isPlainObject(value) {
  return value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
}

function toOmsError(error) {
  if (error instanceof OmsError) {
    return error
  }
  if (error !== null && typeof error === 'object' && KNOWN_CODES.has(error.code) && typeof error.category === 'string') {
    const converted = new OmsError(error.message, {
      code: error.code,
      field: typeof error.field === 'string' ? error.field : null,
      category: error.category,
      details: isPlainObject(error.details) ? error.details : {},
    })
    // Keep the stack of the original throw, which points at the caller.
    if (typeof error.stack === 'string') {
      converted.stack = error.stack.replace(/^Error/, 'OmsError')
    }
    return converted
  }
  // N-API's own failures carry a napi status as their code (`InvalidArg`,
  // `StringExpected`, ...), and the engine throws a TypeError when a method is
  // called on something that is not an `Oms`: both are the caller's input.
  const message = error instanceof Error ? error.message : String(error)
  const napiStatus = error !== null && typeof error === 'object' ? error.code : undefined
  if (error instanceof TypeError || (typeof napiStatus === 'string' && /Expected$|^InvalidArg$/.test(napiStatus))) {
    return new OmsError(`invalid input: ${message}`, { code: 'invalid_input', category: 'invalid_input', cause: error })
  }
  return new OmsError(`internal error: ${message}`, { code: 'internal_error', category: 'storage', cause: error })
}

function wrap(method, name, isAsync) {
  const wrapped = isAsync
    ? function (...args) {
        // A rejection is created on a later tick with no JavaScript frames;
        // give it the stack of the call instead.
        const call = {}
        Error.captureStackTrace(call, wrapped)
        const reject = (error) => {
          const converted = toOmsError(error)
          converted.stack = `${converted.name}: ${converted.message}\n${call.stack.split('\n').slice(1).join('\n')}`
          return converted
        }
        let promise
        try {
          promise = method.apply(this, args)
        } catch (error) {
          return Promise.reject(reject(error))
        }
        return Promise.resolve(promise).catch((error) => {
          throw reject(error)
        })
      }
    : function (...args) {
        try {
          return method.apply(this, args)
        } catch (error) {
          throw toOmsError(error)
        }
      }
  Object.defineProperty(wrapped, 'name', { value: name })
  Object.defineProperty(wrapped, 'length', { value: method.length })
  return wrapped
}

// Methods that return their value directly although their name has no
// `Sync`: they never touch storage, or (`close`) only let go of it.
const SYNC_ONLY = new Set(['close'])

// Storage operations come in pairs: `foo` returns a Promise, `fooSync` the
// value. The prototype's methods are replaced in place.
for (const name of Object.getOwnPropertyNames(native.Oms.prototype)) {
  const descriptor = Object.getOwnPropertyDescriptor(native.Oms.prototype, name)
  if (name !== 'constructor' && typeof descriptor.value === 'function') {
    descriptor.value = wrap(descriptor.value, name, !name.endsWith('Sync') && !SYNC_ONLY.has(name))
    Object.defineProperty(native.Oms.prototype, name, descriptor)
  }
}

// `using shop = Oms.open(...)` (TypeScript 5.2+, and JavaScript where the
// engine has explicit resource management) closes the store at the end of
// the block. Older engines have no `Symbol.dispose`; there is nothing to
// define then.
if (typeof Symbol.dispose === 'symbol') {
  const close = native.Oms.prototype.close
  Object.defineProperty(native.Oms.prototype, Symbol.dispose, {
    value: function dispose() {
      close.call(this)
    },
    writable: true,
    configurable: true,
  })
}

// N-API defines the static factories as read-only, non-configurable
// properties, so they cannot be wrapped in place. The exported `Oms` is a
// constructor function sharing the native prototype, so that instances made
// by the factories are `instanceof Oms`; like the native class, it cannot be
// called with `new`.
function Oms() {
  throw new OmsError('Oms has no public constructor: use Oms.open(target) or Oms.inMemory()', {
    code: 'invalid_input',
    category: 'invalid_input',
  })
}
Oms.prototype = native.Oms.prototype
Object.defineProperty(native.Oms.prototype, 'constructor', { value: Oms, writable: true, configurable: true })
// The native factories construct `this`, which must be the native class.
Oms.open = wrap(native.Oms.open.bind(native.Oms), 'open', false)
Oms.inMemory = wrap(native.Oms.inMemory.bind(native.Oms), 'inMemory', false)

// The clock's methods only read or move the clock: they return directly.
for (const name of ['advance', 'now']) {
  const descriptor = Object.getOwnPropertyDescriptor(native.ManualClock.prototype, name)
  descriptor.value = wrap(descriptor.value, name, false)
  Object.defineProperty(native.ManualClock.prototype, name, descriptor)
}

/** A clock that stands still until `advance(seconds)`: `Oms.open(target, { clock })`. */
class ManualClock extends native.ManualClock {
  constructor(at) {
    try {
      super(at)
    } catch (error) {
      throw toOmsError(error)
    }
  }
}

module.exports = {
  Oms,
  OmsError,
  ManualClock,
  OPERATIONS,
  ORDER_TRANSITIONS,
  TRANSFER_TRANSITIONS,
  SHIPMENT_TRANSITIONS,
  PAYMENT_TRANSITIONS,
  ERROR_CODES,
  EVENT_TYPES,
}
