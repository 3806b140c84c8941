import { type ActionContext, action, type InputFieldDefinition } from "@prismatic-io/spectral";
import type { SellClient } from "../../client";
import {
  type CleanedInput,
  type Layout,
  layoutInputs,
  readLayout,
  type Values,
} from "../../inputs/layout";
import { connectionInput, sellFor, withDocs } from "../../steps";
import { type ActionOutput, outputSchemaOf } from "./outputs";

/**
 * The one way an action is wired: the connection input and the layout's inputs, values read and
 * typed from the layout (and checked) before a client is built, the output schema and example
 * from its `ActionOutput`, and whether Prismatic may run it to show sample data (`read`: safe;
 * `write`: not allowed). Hand-written actions (Convert Lead, Move Deal to Stage…) use it
 * directly; the table-built ones through the operation builders. No try/catch: errors go to
 * the component's error hook.
 */
export interface StepOf<L extends Layout> {
  readonly sell: SellClient;
  readonly values: Values<L>;
  readonly inputs: readonly CleanedInput[];
  readonly context: ActionContext;
}

export interface CustomActionSpec<L extends Layout> {
  readonly label: string;
  /** What the action does; the API reference link is appended. */
  readonly description: string;
  readonly docs: string;
  readonly layout: L;
  /** `read` actions may be run by Prismatic to show sample data; `write` ones never. */
  readonly effect: "read" | "write";
  readonly output: ActionOutput;
  /** Checks across inputs, before anything is sent. */
  readonly check?: (values: Values<L>) => void;
  readonly perform: (step: StepOf<L>) => Promise<unknown>;
}

/** An output with its content type (Raw Request's binary answers): return it from `perform`. */
export class TypedOutput {
  constructor(
    readonly data: unknown,
    readonly contentType: string | undefined,
  ) {}
}

export function customAction<L extends Layout>(spec: CustomActionSpec<L>) {
  return action({
    display: { label: spec.label, description: withDocs(spec.description, spec.docs) },
    inputs: {
      connection: connectionInput as InputFieldDefinition,
      ...layoutInputs(spec.layout),
    },
    perform: async (context, params): Promise<{ data: unknown; contentType?: string }> => {
      const { values, inputs } = readLayout(spec.layout, params);
      spec.check?.(values);
      const step: StepOf<L> = { sell: sellFor(context, params), values, inputs, context };
      const output = await spec.perform(step);
      if (!(output instanceof TypedOutput)) return { data: output };
      return output.contentType === undefined
        ? { data: output.data }
        : { data: output.data, contentType: output.contentType };
    },
    examplePayload: { data: spec.output.example },
    outputSchema: outputSchemaOf(spec.output),
    performSafety: spec.effect === "read" ? "safe" : "notAllowed",
  });
}
