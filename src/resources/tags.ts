import { ids, pagination } from "../inputs/common";
import { choice, id, sortBy, text as textInput, variant } from "../inputs/fields";
import { layout } from "../inputs/layout";
import { definePicklist, op } from "./define";
import tagExample from "./examples/tag.json";
import { type NamedRecord, namedOperations, namedResource } from "./named";
import { selectUser } from "./users";

/** Tags of leads, contacts and deals; names are unique per resource type. */

export const TAG_RESOURCE_TYPES = ["lead", "contact", "deal"];

const tagResourceType = choice("resource_type", "Resource Type", TAG_RESOURCE_TYPES, {
  comments: "What the tag is for: lead, contact or deal (tag names are unique per type).",
});

export const selectTag = definePicklist<NamedRecord>({
  key: "selectTag",
  description: "Select a tag, optionally of one resource type (shown with its type).",
  toLabel: (tag) =>
    `${tag.name?.trim() || `Tag ${tag.id}`}${tag.resource_type ? ` (${tag.resource_type})` : ""}`,
  filters: {
    resourceType: variant(tagResourceType, {
      comments: "Only tags for leads, contacts or deals. Leave empty for all.",
    }),
  },
});

export const tags = namedResource({
  key: "tags",
  one: "Tag",
  many: "Tags",
  type: "tag",
  example: tagExample,
  picklist: selectTag,
  stream: true,
  operations: {
    ...namedOperations({
      one: "Tag",
      many: "Tags",
      noun: "tag",
      picklist: selectTag,
      listDescription:
        "Returns the tags of the account, optionally of one resource type (lead, contact or deal).",
      listLayout: layout({
        resourceType: variant(tagResourceType, { comments: "Tags of this resource type." }),
        name: textInput("name", "Name", { comments: "The tag with exactly this name." }),
        creatorId: id("creator_id", "Creator ID", {
          comments: "Tags created by this user.",
          dataSource: selectUser,
        }),
        ids: ids(),
        sortBy: sortBy(["id", "name", "created_at", "updated_at"], {
          comments: "Order of the results (Sell's default: updated_at ascending).",
        }),
        pagination,
      }),
      createDescription:
        "Creates a tag for leads, contacts or deals. Names are unique per resource type.",
      createLayout: layout({
        name: textInput("name", "Name", {
          required: true,
          comments: "The tag; unique within its resource type.",
          example: "vip",
        }),
        resourceType: variant(tagResourceType, { required: true }),
      }),
      updateDescription: "Renames a tag.",
      updateLayout: layout({
        name: textInput("name", "Name", {
          comments: "New name of the tag; unique within its resource type.",
        }),
      }),
      deleteDescription:
        "Deletes a tag and removes it from every record that has it. Returns { data: null }.",
    }),
    getTagsStream: op.stream(),
  },
});
