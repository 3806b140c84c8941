import { pollChangesTrigger } from "./pollChanges";

export const triggers = { pollChangesTrigger };
