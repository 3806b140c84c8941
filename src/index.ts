import { component } from "@prismatic-io/spectral";
import { actions } from "./actions";
import { connections } from "./connections";
import { dataSources } from "./dataSources";
import { toReadableError } from "./steps/errorHook";
import { triggers } from "./triggers";

export default component({
  key: "zendesk-sell",
  display: {
    label: "Zendesk Sell",
    description:
      "Manage leads, contacts, deals, and the rest of your sales pipeline in Zendesk Sell.",
    iconPath: "icon.png",
    category: "Application Connectors",
  },
  actions,
  dataSources,
  triggers,
  connections,
  hooks: { error: toReadableError },
});
