// Zod's locales, in the published bundle: English only. The component's messages are its own and
// English; zod ships 60-odd translations (about 400 KB) that a component never loads.
Object.defineProperty(exports, "__esModule", { value: true });
exports.en = require("zod/v4/locales/en.cjs");
