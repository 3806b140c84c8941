import * as account from "./account";
import * as activities from "./activities";
import * as contacts from "./contacts";
import * as customFields from "./customFields";
import * as deals from "./deals";
import * as leads from "./leads";
import * as notes from "./notes";
import * as orders from "./orders";
import * as pipelines from "./pipelines";
import * as products from "./products";
import * as rawRequest from "./rawRequest";
import * as search from "./search";
import * as settings from "./settings";
import * as streams from "./streams";
import * as tasks from "./tasks";
import * as users from "./users";

/** Every action, keyed by its action key (each is also a named export of its resource's file). */
export const actions = {
  ...contacts,
  ...leads,
  ...deals,
  ...notes,
  ...tasks,
  ...orders,
  ...pipelines,
  ...account,
  ...customFields,
  ...streams,
  ...rawRequest,
  ...users,
  ...products,
  ...settings,
  ...activities,
  ...search,
};
