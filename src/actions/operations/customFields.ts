import { customFieldDefinitions, type RecordData, type SellClient } from "../../client";
import { findDefinition, typeCustomFieldValues } from "../../inputs/customFieldValues";
import { isPlainObject } from "../../util/values";

/**
 * Custom field values typed against the account's definitions before a write. A name the cached
 * definitions do not know makes them be read again once (the field may have been added in Sell
 * a minute ago); a name still unknown fails, listing the known ones.
 */
export async function typeCustomFields(
  sell: SellClient,
  resourceTypes: readonly string[],
  values: Record<string, unknown>,
  label: string,
): Promise<Record<string, unknown>> {
  const read = async (fresh: boolean) =>
    (
      await Promise.all(resourceTypes.map((type) => customFieldDefinitions(sell, type, { fresh })))
    ).flat();
  let definitions = await read(false);
  if (Object.keys(values).some((name) => !findDefinition(definitions, name)))
    definitions = await read(true);
  return typeCustomFieldValues(definitions, values, label);
}

/** The body with `custom_fields` typed, when it has some and the resource has custom fields. */
export async function withTypedCustomFields(
  sell: SellClient,
  resourceTypes: readonly string[] | undefined,
  body: RecordData,
  label = "Custom Fields",
): Promise<RecordData> {
  const values = body.custom_fields;
  if (!resourceTypes || resourceTypes.length === 0 || !isPlainObject(values)) return body;
  return { ...body, custom_fields: await typeCustomFields(sell, resourceTypes, values, label) };
}
