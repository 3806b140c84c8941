import * as activities from "./activities";
import * as catalog from "./catalog";
import * as contacts from "./contacts";
import * as deals from "./deals";
import * as leads from "./leads";
import * as misc from "./misc";
import * as notes from "./notes";
import * as orders from "./orders";
import * as pipelines from "./pipelines";
import * as products from "./products";
import * as search from "./search";
import * as tasks from "./tasks";
import * as users from "./users";

/** Every action, keyed by its action key (each is also a named export of its resource file). */
export const actions = {
  ...contacts,
  ...leads,
  ...deals,
  ...notes,
  ...tasks,
  ...orders,
  ...pipelines,
  ...misc,
  ...users,
  ...products,
  ...catalog,
  ...activities,
  ...search,
};
