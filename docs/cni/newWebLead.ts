/**
 * A code-native integration (CNI) that uses this component through its manifest: a flow that
 * receives a web form's JSON and creates a Sell lead from only its last name and email.
 *
 * Type-checked against a freshly generated manifest by test/manifest/manifest.test.ts; by hand:
 *
 *   npm run manifest && npx tsc -p docs/cni
 *
 * In a CNI project, install the generated package (manifest/, `@component-manifests/zendesk-sell`)
 * or copy its src/ into the project (e.g. src/manifests/zendesk-sell/) and import that instead.
 */
import zendeskSell from "@component-manifests/zendesk-sell";
import {
  componentManifests,
  configPage,
  connectionConfigVar,
  flow,
  integration,
} from "@prismatic-io/spectral";

/** The components the flows call, keyed as they appear on `context.components`. */
export const componentRegistry = componentManifests({ zendeskSell });

/** One config page: the customer's Zendesk Sell connection (this component's `oauth`). */
export const configPages = {
  Connections: configPage({
    elements: {
      "Zendesk Sell Connection": connectionConfigVar({
        stableKey: "zendesk-sell-connection",
        dataType: "connection",
        connection: {
          component: "zendeskSell",
          key: "oauth",
          values: {
            clientId: {
              value: "<your Sell OAuth app's client ID>",
              permissionAndVisibilityType: "organization",
              visibleToOrgDeployer: false,
            },
            clientSecret: {
              value: "<your Sell OAuth app's client secret>",
              permissionAndVisibilityType: "organization",
              visibleToOrgDeployer: false,
            },
          },
        },
      }),
    },
  }),
};

// Types `context.components` and `context.configVars` from the registry and the config pages.
type TComponentRegistry = typeof componentRegistry;
type TConfigPages = typeof configPages;
declare module "@prismatic-io/spectral" {
  interface IntegrationDefinitionComponentRegistry extends TComponentRegistry {}
  interface IntegrationDefinitionConfigPages extends TConfigPages {}
}

/** What the web form posts to the flow's webhook. */
interface WebForm {
  lastName: string;
  email: string;
}

/** What Create Lead returns: `{ data: <Sell's body> }` (see docs/actions.md). */
interface CreatedLead {
  data: { data: { id: number; last_name: string | null; email: string | null } };
}

export const newWebLead = flow({
  name: "New Web Lead",
  stableKey: "new-web-lead",
  description: "Creates a Zendesk Sell lead from a web form's last name and email.",
  onExecution: async (context, params) => {
    const form = params.onTrigger.results.body.data as WebForm;
    // Only what this flow knows: the other Contact Information fields and every other group
    // (Additional Fields) and list (Tags, Custom Fields) are left out.
    const lead = await context.components.zendeskSell.createLead<CreatedLead>({
      connection: context.configVars["Zendesk Sell Connection"],
      lastName: form.lastName,
      contactInfo: { email: form.email },
    });
    context.logger.info(`Created lead ${lead.data.data.id}`);
    return { data: { leadId: lead.data.data.id } };
  },
});

export default integration({
  name: "Zendesk Sell Web Leads",
  description: "Turns web form submissions into Zendesk Sell leads.",
  iconPath: "icon.png",
  componentRegistry,
  configPages,
  flows: [newWebLead],
});
