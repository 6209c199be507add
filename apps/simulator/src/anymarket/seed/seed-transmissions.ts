import type { SkuMarketplace } from '#anymarket';
import { SPEC_SIMPLE_TRANSMISSION, SPEC_VARIATION_TRANSMISSION } from './spec-transmissions.js';

export const FIRST_GENERATED_TRANSMISSION_ID = 70001;

const COLORS = ['Azul', 'Verde', 'Vermelho', 'Preto', 'Branco'];

/**
 * The transmissions the simulator starts with: the spec's two examples (ids 61234 simple, 61233 with
 * a variation) and `generated` more, alternately simple and with a colour variation, the same on
 * every run (ids from 70001).
 */
export function seedTransmissions(generated: number): SkuMarketplace[] {
  const made = Array.from({ length: generated }, (_, i) => generatedTransmission(i + 1));
  return [structuredClone(SPEC_SIMPLE_TRANSMISSION), structuredClone(SPEC_VARIATION_TRANSMISSION), ...made];
}

function generatedTransmission(n: number): SkuMarketplace {
  const code = `DEMO-${String(n).padStart(5, '0')}`;
  const price = Math.round((19.9 + (n % 40) * 5) * 100) / 100;
  const amount = (n * 7) % 101;
  const withVariation = n % 2 === 0;
  const color = COLORS[n % COLORS.length];
  const template = structuredClone(withVariation ? SPEC_VARIATION_TRANSMISSION : SPEC_SIMPLE_TRANSMISSION);
  const title = withVariation ? `Produto demo ${n} - ${color}` : `Produto demo ${n}`;
  const ean = ean13(`789${String(n).padStart(9, '0')}`);
  const transmission: SkuMarketplace = {
    ...template,
    id: FIRST_GENERATED_TRANSMISSION_ID - 1 + n,
    title,
    ean,
    skuInMarketplace: code,
    price,
    discountPrice: n % 3 === 0 ? Math.round(price * 90) / 100 : price,
    stock: { ...template.stock!, amount, availableAmount: amount, physicalAmount: amount },
    sku: {
      ...template.sku,
      id: 1_700_000 + n,
      partnerId: code,
      amount,
      ean,
      title,
      price,
      sellPrice: price,
      product: { ...template.sku.product, id: 2_700_000 + n, title: `Produto demo ${n}` },
    },
  };
  if (withVariation) {
    transmission.sku.variations = template.sku.variations?.map((variation) => ({
      ...variation,
      idInMarketplace: `${n}-${color.toUpperCase()}`,
      description: color,
    }));
    transmission.sku.product.images = template.sku.product.images?.map((image) => ({ ...image, id: 3_700_000 + n * 10 + image.index, variation: color }));
  }
  return transmission;
}

/** A 13-digit EAN with its check digit, from 12 digits. */
function ean13(twelve: string): string {
  const sum = [...twelve].reduce((total, digit, i) => total + Number(digit) * (i % 2 ? 3 : 1), 0);
  return `${twelve}${(10 - (sum % 10)) % 10}`;
}
