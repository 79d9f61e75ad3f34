// The HTTP routes of the storefront: one `Oms` behind Express.
//
// Every handler awaits the library's Promise methods: the work runs on
// libuv's thread pool, off the event loop, so many requests are served at
// once over the one store, which serialises what must be serialised (two
// checkouts racing for the last unit never both get it). Records go out as
// the library returns them: amounts as decimal strings ("39.98"), times as
// ISO strings. Amounts come in as decimal strings too; a JSON number for
// money is refused.
//
// The request bodies are passed to the library unchecked (only the keys a
// route takes are kept): the library checks every field at run time (types,
// shapes, amounts, identifiers) and refuses what is wrong with a stable code
// and the field's path, so nothing is validated twice.
//
// Errors: an OmsError becomes the status of its category (or code) in
// docs/http-statuses.json with { code, category, field, message, details };
// a body that is not JSON is answered the same way as `malformed_json`.

import express, { type NextFunction, type Request, type Response } from 'express'
import {
  OmsError,
  type AuthorizePaymentInput,
  type AvailabilityInput,
  type CancelOrderInput,
  type Oms,
  type PackShipmentInput,
  type PaymentAmountInput,
  type PlaceOrderInput,
  type ShipShipmentInput,
  type VoidPaymentInput,
} from 'oms-kit'

import { describe, errorBody, statusFor } from './errors.js'

type HandOverInput = Parameters<Oms['handOverShipment']>[1]
type DeliveryInput = NonNullable<Parameters<Oms['confirmDelivery']>[1]>

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The `keys` of a JSON body (absent ones left out), as the input of a library call. */
function input<T>(body: unknown, keys: readonly string[]): T {
  if (!isRecord(body ?? {})) {
    throw new OmsError('the request body must be a JSON object', { code: 'invalid_input', category: 'invalid_input' })
  }
  const given = (body ?? {}) as Record<string, unknown>
  const picked: Record<string, unknown> = {}
  for (const key of keys) {
    if (given[key] !== undefined) {
      picked[key] = given[key]
    }
  }
  return picked as T
}

const ORDER_KEYS = [
  'channel',
  'customerEmail',
  'lines',
  'shipping',
  'orderDiscount',
  'shippingAddress',
  'shippingMethod',
  'externalReference',
] as const

/** The storefront over `shop`; the caller opens and closes it. */
export function createApp(shop: Oms): express.Express {
  const app = express()
  app.use(express.json())

  // Reads.

  app.get('/availability', async (req, res) => {
    const skus = ([] as unknown[]).concat(req.query.sku ?? [])
    res.json(await shop.availability(input<AvailabilityInput>({ channel: req.query.channel, skus }, ['channel', 'skus'])))
  })

  app.get('/stock/:sku', async (req, res) => {
    res.json(await shop.stockLevels({ sku: req.params.sku }))
  })

  app.get('/orders/:id', async (req, res) => {
    res.json(await shop.getOrder(req.params.id))
  })

  app.get('/orders/:id/shipments', async (req, res) => {
    res.json(await shop.listShipments(req.params.id))
  })

  app.get('/orders/:id/payments', async (req, res) => {
    res.json(await shop.orderPayments(req.params.id))
  })

  app.get('/shipments/:id', async (req, res) => {
    res.json(await shop.getShipment(req.params.id))
  })

  // Orders. A client that retries a checkout sends the same Idempotency-Key
  // header, and gets the order its first attempt placed.

  app.post('/orders', async (req, res) => {
    const order = input<PlaceOrderInput>(req.body, ORDER_KEYS)
    const key = req.get('Idempotency-Key')
    res.status(201).json(await shop.placeOrder(key === undefined ? order : { ...order, idempotencyKey: key }))
  })

  app.post('/orders/:id/cancel', async (req, res) => {
    res.json(await shop.cancelOrder(req.params.id, input<CancelOrderInput>(req.body, ['reason'])))
  })

  // Fulfilment: shipments per location, picked, packed, handed to a carrier
  // (the outbox consumer books it and records the goods leaving), delivered.

  app.post('/orders/:id/shipments', async (req, res) => {
    res.status(201).json(await shop.createShipments(req.params.id))
  })

  app.post('/shipments/:id/pick', async (req, res) => {
    res.json(await shop.startPicking(req.params.id))
  })

  app.post('/shipments/:id/pack', async (req, res) => {
    res.json(await shop.packShipment(req.params.id, input<PackShipmentInput>(req.body, ['parcels'])))
  })

  app.post('/shipments/:id/hand-over', async (req, res) => {
    res.json(await shop.handOverShipment(req.params.id, input<HandOverInput>(req.body, ['partner'])))
  })

  app.post('/shipments/:id/ship', async (req, res) => {
    const shipped = input<ShipShipmentInput>(req.body, ['carrier', 'trackingNumber', 'partnerReference'])
    res.json(await shop.shipShipment(req.params.id, shipped))
  })

  app.post('/shipments/:id/deliver', async (req, res) => {
    res.json(await shop.confirmDelivery(req.params.id, input<DeliveryInput>(req.body, ['partnerReference'])))
  })

  // Payments: the gateway's reference makes each call idempotent.

  app.post('/orders/:id/payments', async (req, res) => {
    const tender = input<AuthorizePaymentInput>(req.body, ['kind', 'amount', 'gatewayReference', 'paymentId'])
    res.status(201).json(await shop.authorizePayment(req.params.id, tender))
  })

  app.post('/payments/:id/capture', async (req, res) => {
    const capture = input<PaymentAmountInput>(req.body, ['amount', 'gatewayReference'])
    res.json(await shop.capturePayment(req.params.id, capture))
  })

  app.post('/payments/:id/void', async (req, res) => {
    res.json(await shop.voidPayment(req.params.id, input<VoidPaymentInput>(req.body, ['gatewayReference'])))
  })

  app.post('/payments/:id/refund', async (req, res) => {
    const refund = input<PaymentAmountInput>(req.body, ['amount', 'gatewayReference'])
    res.json(await shop.refundPayment(req.params.id, refund))
  })

  // Express 5 hands a rejected handler's error here.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (error instanceof OmsError) {
      const [status, body] = describe(error)
      res.status(status).json(body)
    } else if (isRecord(error) && error.type === 'entity.parse.failed') {
      res.status(statusFor('malformed_json', 'invalid_input')).json(
        errorBody('malformed_json', 'invalid_input', String(error.message)),
      )
    } else if (isRecord(error) && typeof error.status === 'number' && error.status < 500) {
      // The body parser's other refusals: too large, not UTF-8, ...
      res.status(statusFor('invalid_input', 'invalid_input')).json(
        errorBody('invalid_input', 'invalid_input', String(error.message)),
      )
    } else {
      console.error(error)
      res.status(statusFor('internal_error', 'storage')).json(
        errorBody('internal_error', 'storage', 'the storefront failed; see its log'),
      )
    }
  })
  return app
}
