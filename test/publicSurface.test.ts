/**
 * The whole public surface — every action, data source, trigger and connection key with its
 * input keys, labels, types and whether they are required — pinned as a snapshot, so an
 * accidental rename (which would break every flow using it) fails loudly. A deliberate change
 * updates the snapshot (`npx jest test/publicSurface.test.ts -u`) in the same commit.
 */
import component from "../src/index";

interface ServerInput {
  key: string;
  label: string;
  type: string;
  required?: boolean;
  dataSource?: string;
  inputs?: ServerInput[];
}

const describeInput = (input: ServerInput): string => {
  const flags = [input.type, input.required ? "required" : undefined, input.dataSource]
    .filter(Boolean)
    .join(", ");
  return `${input.key}: ${input.label} (${flags})`;
};

const inputsOf = (inputs: ServerInput[] = []): unknown[] =>
  inputs.map((input) =>
    input.inputs?.length
      ? { [describeInput(input)]: inputsOf(input.inputs) }
      : describeInput(input),
  );

const surfaceOf = (entries: Record<string, { display: { label: string }; inputs?: unknown }>) =>
  Object.fromEntries(
    Object.entries(entries)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, definition]) => [
        `${key}: ${definition.display.label}`,
        inputsOf(definition.inputs as ServerInput[]),
      ]),
  );

it("the public surface is unchanged", () => {
  expect({
    component: component.key,
    connections: (
      component.connections as unknown as Array<{ key: string; inputs: ServerInput[] }>
    ).map((connection) => ({ [connection.key]: inputsOf(connection.inputs) })),
    actions: surfaceOf(component.actions as never),
    dataSources: surfaceOf(component.dataSources as never),
    triggers: surfaceOf(component.triggers as never),
  }).toMatchSnapshot();
});
