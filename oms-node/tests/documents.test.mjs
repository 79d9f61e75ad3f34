// Printable documents (issue 9): pickListDocument, packingSlips and
// shippingLabel in both forms, their content read back, user text escaped,
// and bad input refused with its stable code.

import assert from 'node:assert/strict'
import { test } from 'node:test'

import { ManualClock, Oms } from '../index.js'
import { bothFail, orderInput, shop } from './helpers.mjs'

const address = (name) => ({
  name,
  lines: ["12 St James's Square"],
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'gb',
})

/** A shop on a clock that stands still, so that the pick list's time is known. */
const clockShop = () => shop({ oms: Oms.inMemory({ clock: new ManualClock('2026-11-26T09:00:00Z') }), stock: 20 })

/** An order shipped to `name` and its one pending shipment. */
function shipmentFor(oms, name = 'Ada Lovelace', quantity = 2) {
  const order = oms.placeOrderSync(
    orderInput({
      lines: [{ sku: 'TEE-M', quantity, unitPrice: '19.99' }],
      shippingAddress: address(name),
      shippingMethod: 'express',
      externalReference: 'SHOP-1001',
    }),
  )
  const [shipment] = oms.createShipmentsSync(order.id)
  return { order, shipment }
}

const count = (text, part) => text.split(part).length - 1

test('pickListDocument prints the open shipments of a location by SKU, with names', async () => {
  const oms = clockShop()
  const first = shipmentFor(oms)
  const second = shipmentFor(oms, 'Charles Babbage', 3)
  const html = await oms.pickListDocument('wh-east')
  assert.equal(typeof html, 'string')
  assert.ok(html.startsWith('<!DOCTYPE html>'))
  assert.equal(oms.pickListDocumentSync('wh-east'), html, 'both forms print the same page')
  assert.equal(count(html, '<section class="page'), 1)
  assert.ok(html.includes('<h1>Pick list: wh-east</h1>'))
  assert.ok(html.includes('Printed 2026-11-26 09:00 UTC'), 'the clock of the store, not the machine')
  assert.ok(
    html.includes(
      '<td class="sku">TEE-M</td><td class="name">T-shirt, medium</td><td class="quantity">5</td>' +
        `<td class="shipments">${first.shipment.id}, ${second.shipment.id}</td>`,
    ),
  )
  assert.ok(!html.includes('<script') && !html.includes('src='), 'self-contained')
})

test('packingSlips prints one page per shipment, in the order named, with user text escaped', async () => {
  const oms = clockShop()
  const hostile = '<b>Ada</b> & "Co"'
  const shipments = [shipmentFor(oms, hostile), shipmentFor(oms, 'Charles Babbage'), shipmentFor(oms, 'Mary')]
  const ids = [2, 0, 1].map((index) => shipments[index].shipment.id)
  const html = await oms.packingSlips(ids)
  assert.equal(oms.packingSlipsSync(ids), html)
  assert.equal(count(html, '<section class="page packing-slip"'), 3)
  const pages = [...html.matchAll(/data-shipment="([^"]+)"/g)].map((match) => match[1])
  assert.deepEqual(pages, ids)
  assert.ok(html.includes('break-after: page') && html.includes('@page'))
  assert.ok(html.includes('&lt;b&gt;Ada&lt;/b&gt; &amp; &quot;Co&quot;'), 'the name escaped')
  assert.ok(!html.includes('<b>'))
  for (const text of [
    `<dd class="order">${shipments[0].order.id}</dd>`,
    '<dd class="reference">SHOP-1001</dd>',
    '<dd class="shipping-method">express</dd>',
    '12 St James&#39;s Square',
    'London SW1Y 4JH',
    '<td class="sku">TEE-M</td><td class="name">T-shirt, medium</td><td class="quantity">2</td>',
  ]) {
    assert.ok(html.includes(text), text)
  }
  // The same shipment twice prints twice: a page per id asked for.
  assert.equal(count(oms.packingSlipsSync([ids[0], ids[0]]), '<section class="page'), 2)
})

test('shippingLabel prints a ZPL label per parcel once packed, user text unable to inject commands', async () => {
  const oms = clockShop()
  const { order, shipment } = shipmentFor(oms, 'Eve^XZ^XA~JA')
  await bothFail(oms, 'shippingLabel', [shipment.id], 'illegal_transition')
  oms.startPickingSync(shipment.id)
  await bothFail(oms, 'shippingLabel', [shipment.id], 'illegal_transition')
  const parcel = { weightGrams: 1200, lengthMm: 300, widthMm: 200, heightMm: 100 }
  oms.packShipmentSync(shipment.id, { parcels: [parcel, { ...parcel, weightGrams: 350 }] })
  const zpl = await oms.shippingLabel(shipment.id)
  assert.equal(oms.shippingLabelSync(shipment.id), zpl)
  assert.equal(count(zpl, '^XA'), 2)
  assert.equal(count(zpl, '^XZ'), 2)
  assert.ok(zpl.startsWith('^XA') && zpl.trimEnd().endsWith('^XZ'))
  assert.ok(!zpl.includes('~'), 'no tilde reaches the printer')
  assert.ok(zpl.includes('^FH^FDEve_5EXZ_5EXA_7EJA^FS'), 'the name hex-escaped')
  for (const text of ['PARCEL 1 OF 2', 'PARCEL 2 OF 2', 'WEIGHT 1.2 KG', 'WEIGHT 0.35 KG', `ORDER ${order.id}`, 'wh-east']) {
    assert.ok(zpl.includes(text), text)
  }
  assert.ok(zpl.includes(`^BCN,180,Y,N,N^FD${shipment.id}^FS`), 'the shipment id as the barcode until tracked')
  oms.shipShipmentSync(shipment.id, { carrier: 'UPS', trackingNumber: '1Z999AA10123456784' })
  const shipped = oms.shippingLabelSync(shipment.id)
  assert.ok(shipped.includes('^FDTRACKING 1Z999AA10123456784^FS'))
  assert.ok(shipped.includes('^BCN,180,Y,N,N^FD1Z999AA10123456784^FS'))
})

test('bad input to the documents is refused with stable codes in both forms', async () => {
  const oms = clockShop()
  const { shipment } = shipmentFor(oms)
  await bothFail(oms, 'pickListDocument', ['nowhere'], 'location_not_found')
  await bothFail(oms, 'pickListDocument', [''], 'invalid_identifier', 'location')
  await bothFail(oms, 'pickListDocument', [42], 'invalid_input', 'location')
  await bothFail(oms, 'pickListDocument', [], 'invalid_input', 'location')
  await bothFail(oms, 'packingSlips', [[]], 'invalid_input', 'shipmentIds')
  await bothFail(oms, 'packingSlips', [Array(101).fill(shipment.id)], 'limit_exceeded', 'shipmentIds')
  await bothFail(oms, 'packingSlips', [Array(100_000).fill(shipment.id)], 'limit_exceeded', 'shipmentIds')
  await bothFail(oms, 'packingSlips', [[shipment.id, 'shp-404']], 'shipment_not_found')
  await bothFail(oms, 'packingSlips', [shipment.id], 'invalid_input', 'shipmentIds')
  await bothFail(oms, 'packingSlips', [[shipment.id, 42]], 'invalid_input', 'shipmentIds[1]')
  await bothFail(oms, 'packingSlips', [['bad id']], 'invalid_identifier', 'shipmentIds[0]')
  await bothFail(oms, 'packingSlips', [], 'invalid_input', 'shipmentIds')
  await bothFail(oms, 'shippingLabel', ['shp-404'], 'shipment_not_found')
  await bothFail(oms, 'shippingLabel', [null], 'invalid_input', 'shipmentId')
  await bothFail(oms, 'shippingLabel', [{ id: shipment.id }], 'invalid_input', 'shipmentId')
  assert.equal(count(oms.packingSlipsSync(Array(100).fill(shipment.id)), '<section class="page'), 100)
})
