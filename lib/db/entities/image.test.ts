import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import { ImageVariantSchema } from '../../images/variant';
import { Image, type ImageVariant } from './image';

// ElectroDB needs the variant map declared in its own terms; these keep that declaration and the
// zod schema saying the same, so neither can gain, lose or loosen a field alone.
describe('the image entity’s variants', () => {
  it('have the type the variant schema infers', () => {
    expectTypeOf<ImageVariant>().branded.toEqualTypeOf<z.infer<typeof ImageVariantSchema>>();
  });

  it('declare the schema’s fields, required where it requires them, with its formats', () => {
    const declared = Image.schema.attributes.variants.items.properties;
    const shape = ImageVariantSchema.shape;
    expect(Object.keys(declared).sort()).toEqual(Object.keys(shape).sort());
    for (const [field, attribute] of Object.entries(declared)) {
      expect({ field, required: 'required' in attribute && attribute.required === true }).toEqual({ field, required: !shape[field as keyof typeof shape].safeParse(undefined).success });
    }
    expect(declared.format.type).toEqual(shape.format.options);
  });
});
