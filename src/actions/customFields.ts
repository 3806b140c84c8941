import { layout, need } from "../inputs/layout";
import { customFieldDefinitions, customFieldResourceType } from "../resources/customFields";
import { customAction, resourceAction } from "./operations";
import { listOutput } from "./operations/outputs";

const definitionsOutput = listOutput(customFieldDefinitions);

export const listCustomFields = customAction({
  label: "List Custom Fields",
  description:
    "Returns the custom field definitions of a resource type: name, type (string, number, date, list…), choices, and whether they apply to people or organizations.",
  docs: customFieldDefinitions.docs,
  layout: layout({ resourceType: customFieldResourceType }),
  effect: "read",
  output: {
    schema: definitionsOutput.schema,
    example: {
      items: [{ data: customFieldDefinitions.example, meta: { type: "custom_field" } }],
      meta: { type: "collection", count: 1, links: {} },
    },
  },
  perform: ({ sell, values }) =>
    sell.v2.list(
      `/${encodeURIComponent(need(values.resourceType, "Resource Type"))}/custom_fields`,
    ),
});

export const getCustomFieldsStream = resourceAction(
  customFieldDefinitions,
  "getCustomFieldsStream",
);
