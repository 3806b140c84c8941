import {
  dataSource,
  type Element,
  type InputFieldDefinition,
  type ObjectFieldMap,
} from "@prismatic-io/spectral";
import { type CustomFieldDefinition, readCustomFieldDefinitions, type SellClient } from "../client";
import { InputError } from "../inputs/errors";
import { ADDRESS_KEYS, choice } from "../inputs/fields";
import { cleanField, queryKey, toInput } from "../inputs/layout";
import { allResources, resources } from "../resources";
import type { Resource } from "../resources/define";
import { connectionInput, sellForDataSource, withDocs } from "../steps";
import { byLabel } from "./picklist";

/**
 * Field mapping for config wizards (an `objectFieldMap` data source): the fields of another
 * system (the rows) are offered Sell's fields of a chosen object to map to — its writable
 * standard fields, as the registry declares them, and the account's custom fields of that
 * object, read from Sell. Keys are how Sell names the attribute: `last_name`, `address[city]`,
 * `custom_fields[Known via]`.
 */

/** The objects a field can be mapped to: the registry's resources with fields and custom fields. */
export const mappableResources: readonly Resource[] = allResources.filter(
  (resource) => resource.fields !== undefined && (resource.customFieldTypes?.length ?? 0) > 0,
);

const objectInput = choice(
  [],
  "Sell Object",
  mappableResources.map((resource) => ({ label: resource.name.many, value: resource.key })),
  {
    required: true,
    comments: `The Sell object whose fields are offered: ${mappableResources.map((r) => r.key).join(", ")}.`,
  },
);

const MAPPING_LABEL = "Fields To Map";

const hasKey = (value: unknown, key: string): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && Boolean((value as Record<string, unknown>)[key]);

/**
 * An ObjectFieldMap as spectral defines one (`fields`, each with a `field` that has a `key`).
 * Checked here rather than with spectral's `util`, which the bundle leaves out (webpack.config.js).
 */
const isObjectFieldMap = (value: unknown): value is ObjectFieldMap =>
  typeof value === "object" &&
  value !== null &&
  Array.isArray((value as { fields?: unknown }).fields) &&
  (value as { fields: unknown[] }).fields.every(
    (row) => hasKey(row, "field") && hasKey(row.field, "key"),
  );

/** The rows of the map: an ObjectFieldMap (or its JSON), defaults and earlier choices kept. */
export function cleanMappingFields(value: unknown): ObjectFieldMap {
  if (value === undefined || value === null || (typeof value === "string" && value.trim() === ""))
    throw new InputError(MAPPING_LABEL, "is required: the fields to map, as an ObjectFieldMap");
  let parsed: unknown = value;
  if (typeof value === "string") {
    try {
      parsed = JSON.parse(value);
    } catch {
      parsed = undefined;
    }
  }
  if (!isObjectFieldMap(parsed))
    throw new InputError(
      MAPPING_LABEL,
      'must be an ObjectFieldMap, e.g. {"fields": [{"field": {"key": "email", "label": "Email"}}]}',
    );
  return parsed;
}

const mappingFieldsInput = {
  label: MAPPING_LABEL,
  type: "objectFieldMap",
  required: true,
  comments:
    'The fields of the other system to map to Sell\'s, as an ObjectFieldMap: {"fields": [{"field": {"key": "email", "label": "Email"}}]}, each optionally with a defaultObject and defaultField.',
  example: JSON.stringify({
    fields: [
      { field: { key: "email", label: "Email" } },
      { field: { key: "company", label: "Company" } },
    ],
  }),
  clean: cleanMappingFields,
} as const satisfies InputFieldDefinition;

/** `postal_code` → `Postal Code`, `line1` → `Line 1`. */
const words = (key: string): string =>
  key
    .replace(/([a-z])(\d)/g, "$1 $2")
    .split("_")
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(" ");

/**
 * The standard fields of a resource, from the registry: each writable attribute (an address
 * by its parts), by label. Custom Fields and inputs without an attribute are not fields.
 */
export function standardFields(resource: Resource): Element[] {
  const elements: Element[] = [];
  for (const field of Object.values(resource.fields ?? {})) {
    if (field.api.length === 0 || field.kind === "customFields") continue;
    if (field.kind === "address") {
      for (const part of ADDRESS_KEYS)
        elements.push({
          key: queryKey([...field.api, part]),
          label: `${field.label} › ${words(part)}`,
        });
    } else elements.push({ key: queryKey(field.api), label: field.label });
  }
  return elements.sort(byLabel);
}

/** A custom field as a field to map to. */
export const customFieldElement = (definition: {
  name: string;
  type?: string | null;
}): Element => ({
  key: `custom_fields[${definition.name}]`,
  label: `${definition.name} (custom field${definition.type ? `, ${definition.type}` : ""})`,
});

/** The account's custom fields of a resource (each name once), by label. */
async function customFields(sell: SellClient, resource: Resource): Promise<Element[]> {
  const byName = new Map<string, CustomFieldDefinition>();
  for (const resourceType of resource.customFieldTypes ?? []) {
    for (const definition of await readCustomFieldDefinitions(sell, resourceType))
      if (definition.name.trim() !== "" && !byName.has(definition.name))
        byName.set(definition.name, definition);
  }
  return [...byName.values()].map(customFieldElement).sort(byLabel);
}

const objectOf = (resource: Resource): Element => ({
  key: resource.key,
  label: resource.name.one,
});

const example = mappableResources[0] as Resource;

export const selectFieldMapping = dataSource({
  display: {
    label: "Select Field Mapping",
    description: withDocs(
      "Map the fields of another system to the fields of a Sell lead, contact or deal, in a config wizard: each field to map is offered the object's standard fields and the account's custom fields (keys as Sell names them: last_name, address[city], custom_fields[<name>]).",
      resources.customFieldDefinitions.docs,
    ),
  },
  dataSourceType: "objectFieldMap",
  inputs: {
    connection: connectionInput as InputFieldDefinition,
    object: toInput(objectInput),
    mappingFields: mappingFieldsInput,
  },
  perform: async (context, params: Record<string, unknown>) => {
    // Inputs are checked before any request.
    const key = cleanField(objectInput, params.object);
    const resource = mappableResources.find((r) => r.key === key) as Resource;
    const mapping = cleanMappingFields(params.mappingFields);
    const sell = sellForDataSource(context, params);
    const fields = [...standardFields(resource), ...(await customFields(sell, resource))];
    return {
      result: { fields: mapping.fields, options: [{ object: objectOf(resource), fields }] },
    };
  },
  examplePayload: {
    result: {
      fields: [
        {
          field: { key: "email", label: "Email" },
          defaultObject: objectOf(example),
          defaultField: { key: "email", label: "Email" },
        },
      ],
      options: [
        {
          object: objectOf(example),
          fields: [
            ...standardFields(example),
            customFieldElement({
              name: String(resources.customFieldDefinitions.example.name),
              type: resources.customFieldDefinitions.example.type,
            }),
          ],
        },
      ],
    },
  },
});
