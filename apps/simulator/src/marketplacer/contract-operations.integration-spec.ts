import { SimulatorHarness } from '#test-support/simulator/simulator-harness';

/**
 * Every operation document the connector sends (libs/marketplacer/src/contract/operations) executed
 * against the simulator over HTTP, in a plausible order, with ids discovered from the seed.
 */
describe('Marketplacer simulator: the connector operation documents', () => {
  let sim: SimulatorHarness;
  const noErrors = (payload: { errors?: unknown[] | null; status: number }) => {
    expect(payload.errors).toEqual([]);
    expect(payload.status).toBe(200);
  };

  beforeAll(async () => {
    sim = await SimulatorHarness.start();
  });

  afterAll(async () => {
    await sim?.stop();
  });

  it('executes every document without errors and with sensible data', async () => {
    // --- catalogue --------------------------------------------------------------------------------
    const brands = await sim.run('Brands', { first: 50 });
    expect(brands.brands.totalCount).toBeGreaterThan(0);
    expect(brands.brands.nodes[0]).toMatchObject({ __typename: 'Brand', id: expect.any(String), name: expect.any(String) });
    const brandId: string = brands.brands.nodes[0].id;

    const roots = await sim.run('Taxons', { parentId: null, first: 50 });
    expect(roots.taxons.nodes.map((t: any) => t.displayName)).toEqual(['Clothing', 'Electronics', 'Home']);
    const electronics = roots.taxons.nodes.find((t: any) => t.displayName === 'Electronics');
    const children = await sim.run('Taxons', { parentId: electronics.id, first: 50 });
    const leaf = children.taxons.nodes.find((t: any) => t.children.totalCount === 0);
    expect(leaf).toMatchObject({ treeName: 'Electronics > Phones', parent: { id: electronics.id }, prototype: { name: 'Electronics' } });

    const prototypes = await sim.run('PrototypesWithOptions', { first: 10 });
    const electronicsPrototype = prototypes.prototypes.nodes.find((p: any) => p.name === 'Electronics');
    const storage = electronicsPrototype.optionTypes.nodes.find((t: any) => t.name === 'Storage');
    expect(storage).toMatchObject({ appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT' });
    expect(storage.optionValues.totalCount).toBe(3);

    const carriers = await sim.run('ShipmentCarriers', { first: 10 });
    expect(carriers.shipmentCarriers.nodes.length).toBeGreaterThan(0);
    const carrierId: string = carriers.shipmentCarriers.nodes[0].id;

    // --- sellers ----------------------------------------------------------------------------------
    const search = await sim.run('SellerSearch', { attributes: {}, first: 50 });
    const active = search.sellerSearch.sellers.nodes;
    expect(active.length).toBe(3);
    expect(active.every((s: any) => s.accountType === 'RETAILER' && s.online)).toBe(true);
    const [seller1, , seller3] = active;

    const byId = await sim.run('SellerById', { id: seller1.id });
    expect(byId.node).toMatchObject({
      __typename: 'Seller',
      id: seller1.id,
      businessName: seller1.businessName,
      primaryUser: { emailAddress: expect.any(String) },
    });

    const allSellers = await sim.run('SellersUpdatedSince', { includeDeleted: true, first: 50 });
    expect(allSellers.allSellers.nodes.map((n: any) => n.__typename)).toEqual(['Seller', 'Seller', 'Seller', 'Seller', 'Seller', 'DeletedSeller']);
    const prospects = await sim.run('SellersUpdatedSince', { accountType: ['PROSPECTIVE'], first: 50 });
    expect(prospects.allSellers.nodes).toHaveLength(1);

    // --- adverts ----------------------------------------------------------------------------------
    const bySeller = await sim.run('AdvertsWhere', { retailerIds: [seller3.id], first: 100 });
    expect(bySeller.advertsWhere.totalCount).toBeGreaterThan(0);
    expect(bySeller.advertsWhere.nodes.every((a: any) => a.seller.id === seller3.id)).toBe(true);
    const sellable = bySeller.advertsWhere.nodes.find((a: any) => a.displayable && a.variants.nodes.some((v: any) => v.countOnHand >= 2));
    const otherVariant = sellable.variants.nodes.find((v: any) => v.countOnHand >= 2);

    const bySku = await sim.run('AdvertsWhere', { variantSkus: [otherVariant.sku] });
    expect(bySku.advertsWhere.nodes.map((a: any) => a.id)).toEqual([sellable.id]);

    const byIds = await sim.run('AdvertsByIds', { ids: [sellable.id, 'bm90LWFuLWlk'] });
    expect(byIds.nodes[0]).toMatchObject({ __typename: 'Advert', id: sellable.id, taxonNullable: { treeName: expect.stringContaining(' > ') } });
    expect(byIds.nodes[1]).toBeNull();
    const live = await sim.run('AdvertById', { id: sellable.id });
    expect(live.node).toMatchObject({ __typename: 'Advert', id: sellable.id, seller: { id: expect.any(String) } });
    expect((await sim.run('AdvertById', { id: 'bm90LWFuLWlk' })).node).toBeNull();

    const changed = await sim.run('AdvertsUpdatedSince', { updatedSince: '2025-01-01T00:00:00Z', first: 100 });
    const typenames = new Set(changed.allAdverts.nodes.map((n: any) => n.__typename));
    expect(typenames).toEqual(new Set(['Advert', 'UnpublishedAdvert', 'DeletedAdvert']));

    const phoneValue = storage.optionValues.nodes[1];
    const created = await sim.run('AdvertUpsert', {
      input: {
        sellerId: seller1.id,
        attributes: {
          title: 'Simulated Phone X',
          description: 'A phone',
          brandId,
          taxonId: leaf.id,
          price: '999.90',
          attemptAutoPublish: true,
          images: [{ sourceUrl: 'https://images.example.com/phone.jpg' }],
          variants: [{ sku: 'PHONE-X-128', barcode: '7890000000017', countOnHand: 10, variantOptionValues: [{ optionValueId: phoneValue.id }] }],
          externalIds: [{ key: 'anymarket-connector-ref', value: 'anymarket:25:7001:0123456789ab' }],
        },
      },
    });
    noErrors(created.advertUpsert);
    const advert = created.advertUpsert.advert;
    expect(advert).toMatchObject({ title: 'Simulated Phone X', published: true, displayable: true, lowestPrice: '999.9', seller: { id: seller1.id } });
    expect(advert.variants.nodes[0]).toMatchObject({
      sku: 'PHONE-X-128',
      countOnHand: 10,
      editablePrice: '999.9',
      optionValues: { nodes: [{ id: phoneValue.id }] },
    });

    const byRef = await sim.run('AdvertsByExternalId', { key: 'anymarket-connector-ref', value: 'anymarket:25:7001:0123456789ab' });
    expect(byRef.externalIds.map((entry: any) => [entry.owner.__typename, entry.owner.id])).toEqual([['Advert', advert.id]]);
    expect((await sim.run('AdvertsByExternalId', { key: 'anymarket-connector-ref', value: 'anymarket:25:7001:ffffffffffff' })).externalIds).toEqual([]);

    const updated = await sim.run('AdvertUpsert', {
      input: {
        advertId: advert.id,
        attributes: { title: 'Simulated Phone X2', variants: [{ id: advert.variants.nodes[0].id, countOnHand: 7, price: '899.00' }] },
      },
    });
    noErrors(updated.advertUpsert);
    expect(updated.advertUpsert.advert).toMatchObject({ title: 'Simulated Phone X2', lowestPrice: '899.0' });
    expect(updated.advertUpsert.advert.variants.nodes[0].countOnHand).toBe(7);
    expect(Date.parse(updated.advertUpsert.advert.updatedAt)).toBeGreaterThanOrEqual(Date.parse(advert.updatedAt));

    const unpublished = await sim.run('AdvertPublishedUpdate', { input: { id: sellable.id, published: false } });
    noErrors(unpublished.advertPublishedUpdate);
    expect(unpublished.advertPublishedUpdate.advert).toMatchObject({ published: false, displayable: false });
    noErrors((await sim.run('AdvertPublishedUpdate', { input: { id: sellable.id, published: true } })).advertPublishedUpdate);

    const rejected = await sim.run('AdvertVettingReject', { input: { advertIds: [advert.id], vettingRejectedReason: 'Fotos fora do padrão' } });
    noErrors(rejected.advertVettingReject);
    expect(rejected.advertVettingReject.adverts.nodes).toEqual([
      expect.objectContaining({ id: advert.id, vettingRejected: true, vettingRejectedReason: 'Fotos fora do padrão', displayable: false }),
    ]);
    const resubmitted = await sim.run('AdvertVettingResubmit', { input: { advertIds: [advert.id] } });
    noErrors(resubmitted.advertVettingResubmit);
    expect(resubmitted.advertVettingResubmit.adverts.nodes[0]).toMatchObject({ requiresVetting: true, vettingRejected: false, vettingRejectedReason: null });
    const approved = await sim.run('AdvertVettingApprove', { input: { advertIds: [advert.id] } });
    noErrors(approved.advertVettingApprove);
    expect(approved.advertVettingApprove.adverts.nodes[0]).toMatchObject({ vetted: true, requiresVetting: false, vettingRejected: false, displayable: true });

    // --- orders, invoices, shipments ----------------------------------------------------------------
    const phoneVariantId = advert.variants.nodes[0].id;
    const order = await sim.run('OrderCreate', {
      input: {
        order: {
          firstName: 'Ana',
          surname: 'Souza',
          emailAddress: 'ana@example.com',
          phone: '0400000000',
          address: { address: '1 Main St', city: 'Melbourne', postcode: '3000', state: { short: 'VIC' }, country: { code: 'AU' } },
          externalIds: [{ key: 'anymarket-order', value: 'AM-ORDER-1' }],
        },
        lineItems: [
          { variantId: phoneVariantId, quantity: 3, cost: { amount: 269700 }, postage: { amount: 1000 } },
          { variantId: otherVariant.id, quantity: 2, cost: { amount: 5000 }, postage: { amount: 0 } },
        ],
      },
    });
    noErrors(order.orderCreate);
    const invoices = order.orderCreate.order.invoices.nodes;
    expect(invoices).toHaveLength(2);
    const phoneInvoice = invoices.find((i: any) => i.lineItems[0].variantId === phoneVariantId);
    const phoneLine = phoneInvoice.lineItems[0];
    const orderByRef = await sim.run('OrdersByExternalId', { key: 'anymarket-order', value: 'AM-ORDER-1' });
    expect(orderByRef.externalIds.map((entry: any) => entry.owner)).toEqual([order.orderCreate.order]);

    noErrors(
      (await sim.run('OrderUpdate', { input: { orderId: order.orderCreate.order.id, status: 'COMPLETE', paymentGatewayDetails: { ref: 'abc' } } })).orderUpdate,
    );

    const lineTotals = await sim.run('InvoiceLineTotals', { id: phoneInvoice.id });
    expect(lineTotals.node.lineItems[0]).toMatchObject({ totalCents: expect.any(Number), postageCents: expect.any(Number) });
    const invoice = await sim.run('InvoiceById', { id: phoneInvoice.id });
    expect(invoice.node).toMatchObject({
      __typename: 'Invoice',
      status: 'PAID',
      statusFlags: ['PAID'],
      buyerFirstName: 'Ana',
      totalCents: 270700,
      seller: { id: seller1.id },
    });
    expect(invoice.node.lineItems[0]).toMatchObject({ quantity: 3, itemAmountCents: 89900, variantSku: 'PHONE-X-128' });

    const where = await sim.run('InvoicesWhere', {
      filters: { legacyId: phoneInvoice.legacyId },
      sort: { fields: ['CREATED_AT'], ordering: 'DESCENDING' },
      first: 10,
    });
    expect(where.invoices.nodes.map((i: any) => i.id)).toEqual([phoneInvoice.id]);
    const recent = await sim.run('InvoicesUpdatedSince', { updatedSince: invoice.node.createdAt, first: 50 });
    expect(recent.invoices.nodes.map((i: any) => i.id)).toEqual(expect.arrayContaining(invoices.map((i: any) => i.id)));

    const shipment = await sim.run('ShipmentCreate', {
      input: {
        invoiceId: phoneInvoice.id,
        shippedItems: [{ lineItemId: phoneLine.id, quantity: 3 }],
        postageCarrierId: carrierId,
        dispatchedAt: new Date().toISOString().slice(0, 10),
        trackingNumber: 'TRK-1',
      },
    });
    noErrors(shipment.shipmentCreate);
    expect(shipment.shipmentCreate.shipment).toMatchObject({ trackingNumber: 'TRK-1', shippedItems: [{ quantity: 3, lineItem: { id: phoneLine.id } }] });
    const ofShipment = await sim.run('ShipmentInvoice', { id: shipment.shipmentCreate.shipment.id });
    expect(ofShipment.node).toMatchObject({ __typename: 'Shipment', invoice: { id: phoneInvoice.id, shipments: [{ trackingNumber: 'TRK-1' }] } });

    // --- refunds ----------------------------------------------------------------------------------
    const refund = (quantity: number, externalIds?: { key: string; value: string }[]) =>
      sim.run('RefundRequestCreate', {
        input: {
          invoiceId: phoneInvoice.id,
          lineItems: [{ lineItemId: phoneLine.id, quantity, reason: 'Faulty', dispatched: true }],
          notes: [{ note: 'buyer asked' }],
          externalIds,
        },
      });
    const advanced = (await refund(1, [{ key: 'anymarket-refund', value: 'AM-REFUND-1' }])).refundRequestCreate;
    noErrors(advanced);
    expect(advanced.refundRequest).toMatchObject({ status: 'AWAITING', lineItems: [{ status: 'PENDING_APPROVAL', quantity: 1 }] });
    const refundById = await sim.run('RefundRequestById', { id: advanced.refundRequest.id });
    expect(refundById.node).toMatchObject({ __typename: 'RefundRequest', id: advanced.refundRequest.id, status: 'AWAITING' });
    const refundByRef = await sim.run('RefundRequestsByExternalId', { key: 'anymarket-refund', value: 'AM-REFUND-1' });
    expect(refundByRef.externalIds.map((entry: any) => entry.owner)).toEqual([advanced.refundRequest]);
    expect((await sim.run('RefundRequestsByExternalId', { key: 'anymarket-refund', value: 'AM-REFUND-2' })).externalIds).toEqual([]);
    const line = advanced.refundRequest.lineItems[0].id;
    const accepted = (await sim.run('RefundRequestLineItemAccept', { input: { refundRequestLineItemId: line, notes: [{ note: 'ok' }] } }))
      .refundRequestLineItemAccept;
    noErrors(accepted);
    expect(accepted.refundRequestLineItem.status).toBe('AWAITING_RETURN');
    const returnedLine = (await sim.run('RefundRequestLineItemReturn', { input: { refundRequestLineItemId: line, notes: [{ note: 'back' }] } }))
      .refundRequestLineItemReturn;
    noErrors(returnedLine);
    expect(returnedLine.refundRequestLineItem.status).toBe('REFUND_ACCEPTED');
    const refunded = (await sim.run('RefundRequestRefund', { input: { refundRequestId: advanced.refundRequest.id, notes: [{ note: 'paid back' }] } }))
      .refundRequestRefund;
    noErrors(refunded);
    expect(refunded.refundRequest).toMatchObject({ status: 'REFUNDED', cashAmountFormatted: '$899.00' });

    const standard = (await refund(1)).refundRequestCreate.refundRequest;
    const returned = (await sim.run('RefundRequestReturn', { input: { refundRequestId: standard.id, notes: [{ note: 'returned' }] } })).refundRequestReturn;
    noErrors(returned);
    expect(returned.refundRequest.status).toBe('RETURNED');

    const denied = (await refund(1)).refundRequestCreate.refundRequest;
    const deny = (await sim.run('RefundRequestDeny', { input: { refundRequestId: denied.id, notes: [{ note: 'no' }] } })).refundRequestDeny;
    noErrors(deny);
    expect(deny.refundRequest.status).toBe('DENIED');

    const lineDenied = (await refund(1)).refundRequestCreate.refundRequest;
    const lineDeny = (
      await sim.run('RefundRequestLineItemDeny', {
        input: { refundRequestLineItemId: lineDenied.lineItems[0].id, denyRefundReason: 'Used', notes: [{ note: 'no' }] },
      })
    ).refundRequestLineItemDeny;
    noErrors(lineDeny);
    expect(lineDeny.refundRequestLineItem.status).toBe('REFUND_DENIED');

    const requests = await sim.run('RefundRequests', { sellerId: seller1.id, filters: { invoiceLegacyId: phoneInvoice.legacyId }, first: 50 });
    expect(requests.refundRequests.totalCount).toBe(4);
    const updatedRequests = await sim.run('RefundRequestsUpdatedSince', { updatedSince: invoice.node.createdAt, first: 50 });
    expect(updatedRequests.updatedRefundRequests.totalCount).toBeGreaterThanOrEqual(4);

    // --- sellers (mutations) ------------------------------------------------------------------------
    const sellerCreate = (
      await sim.run('SellerCreate', {
        input: {
          attributes: {
            accountType: 'PROSPECTIVE',
            businessName: 'New Shop',
            legalBusinessName: 'New Shop Pty Ltd',
            phone: '0400111222',
            user: { firstName: 'Nina', surname: 'Lopes', emailAddress: 'nina@newshop.example.com' },
            address: { address: '2 Main St', city: 'Sydney', postcode: '2000', state: { short: 'NSW' }, country: { code: 'AU' } },
          },
        },
      })
    ).sellerCreate;
    noErrors(sellerCreate);
    expect(sellerCreate.seller).toMatchObject({ accountType: 'PROSPECTIVE', online: false, primaryUser: { emailAddress: 'nina@newshop.example.com' } });
    const sellerUpdate = (
      await sim.run('SellerUpdate', { input: { sellerId: sellerCreate.seller.id, attributes: { accountType: 'RETAILER', businessName: 'New Shop 2' } } })
    ).sellerUpdate;
    noErrors(sellerUpdate);
    expect(sellerUpdate.seller).toMatchObject({ accountType: 'RETAILER', online: true, businessName: 'New Shop 2' });

    // --- remittances ------------------------------------------------------------------------------
    const remittances = await sim.run('Remittances', { first: 100 });
    const held = remittances.remittances.nodes.find((r: any) => !r.released);
    expect(held.pendingReasons.length).toBeGreaterThan(0);
    const release = (await sim.run('RemittancesRelease', { input: { remittanceIds: [held.id] } })).remittancesRelease;
    noErrors(release);
    expect(release.remittances[0]).toMatchObject({ id: held.id, released: true, pendingReasons: [] });
    const advices = await sim.run('RemittanceAdvices', { first: 50 });
    const advice = advices.remittanceAdvices.nodes.find((a: any) => a.remittances.some((r: any) => r.id === held.id));
    const adviceUpdate = (
      await sim.run('RemittanceAdviceUpdate', {
        input: { remittanceAdviceId: advice.id, totalPaidCents: advice.totalCents, paidAt: '2025-12-01T00:00:00Z', paymentReference: 'PAY-1' },
      })
    ).remittanceAdviceUpdate;
    noErrors(adviceUpdate);
    expect(adviceUpdate.remittanceAdvice).toMatchObject({ paymentReference: 'PAY-1', paidAt: '2025-12-01T00:00:00Z' });
    const adviceById = await sim.run('RemittanceAdviceById', { id: advice.id });
    expect(adviceById.node).toMatchObject({ __typename: 'RemittanceAdvice', id: advice.id, paymentReference: 'PAY-1' });

    // --- taxonomy mutations -----------------------------------------------------------------------
    const prototype = (await sim.run('PrototypeCreateOrUpdate', { input: { name: 'Toys', externalIds: [{ key: 'anymarket', value: '77' }] } }))
      .prototypeCreateOrUpdate;
    noErrors(prototype);
    expect(prototype.prototype).toMatchObject({ name: 'Toys', externalIds: [{ key: 'anymarket', value: '77' }] });
    const taxon = (await sim.run('TaxonCreateOrUpdate', { input: { displayName: 'Toys', prototypeId: prototype.prototype.id } })).taxonCreateOrUpdate;
    noErrors(taxon);
    expect(taxon.taxon).toMatchObject({ displayName: 'Toys', treeName: 'Toys', parent: null, prototype: { id: prototype.prototype.id } });
    const optionType = (
      await sim.run('OptionTypeCreateOrUpdate', {
        input: { name: 'Age', appliedTo: 'VARIANT', fieldType: 'SINGLE_SELECT', prototypeIds: [prototype.prototype.id] },
      })
    ).optionTypeCreateOrUpdate;
    noErrors(optionType);
    expect(optionType.optionType).toMatchObject({ name: 'Age', displayName: 'Age', optional: false });
    const optionValue = (await sim.run('OptionValueCreateOrUpdate', { input: { name: '3+', optionTypeId: optionType.optionType.id } }))
      .optionValueCreateOrUpdate;
    noErrors(optionValue);
    expect(optionValue.optionValue).toMatchObject({ name: '3+', position: 0, optionType: { id: optionType.optionType.id } });

    // --- the live contract check's documents: who the key is, the operator's webhooks ---------------------
    expect((await sim.run('ApiKeyPrincipal', {})).apiKeyPrincipal).toMatchObject({ name: expect.any(String) });
    const webhookMade = (
      await sim.run('WebhookCreate', {
        input: {
          attributes: {
            type: 'INVOICE',
            url: 'https://connector.example/webhooks/marketplacer',
            queryString: 'query($id: ID!) { node(id: $id) { __typename id } }',
          },
        },
      })
    ).webhookCreate;
    noErrors(webhookMade);
    expect(webhookMade.webhook).toMatchObject({ type: 'INVOICE', enabled: true, maxRetries: 25 });
    const webhookChanged = (await sim.run('WebhookUpdate', { input: { webhookId: webhookMade.webhook.id, attributes: { enabled: false } } })).webhookUpdate;
    noErrors(webhookChanged);
    expect(webhookChanged.webhook).toMatchObject({ id: webhookMade.webhook.id, enabled: false });
    const listed = await sim.run('Webhooks', { first: 50 });
    expect(listed.webhooks.nodes).toEqual(expect.arrayContaining([expect.objectContaining({ id: webhookMade.webhook.id, type: 'INVOICE' })]));

    // --- delete last: the advert becomes a DeletedAdvert -----------------------------------------------
    // (Marketplacer's advertDelete, which the connector does not send: it unpublishes instead.)
    const deleted = await sim.graphql<{ advertDelete: { status: number; errors: unknown[] } }>(
      'mutation ($input: AdvertDeleteMutationInput!) { advertDelete(input: $input) { status errors { field messages } } }',
      {
        input: { id: advert.id },
      },
    );
    noErrors(deleted.body.data!.advertDelete);
    const afterDelete = await sim.run('AdvertsByIds', { ids: [advert.id] });
    expect(afterDelete.nodes[0]).toMatchObject({ __typename: 'DeletedAdvert', id: advert.id });
    const deletedById = await sim.run('AdvertById', { id: advert.id });
    expect(deletedById.node).toMatchObject({ __typename: 'DeletedAdvert', id: advert.id, legacyId: expect.any(Number), updatedAt: expect.any(String) });

    const missing = [...sim.operations.keys()].filter((name) => !sim.executed.has(name));
    expect(missing).toEqual([]);
  });
});
