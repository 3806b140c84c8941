import {
  dealStageChanged,
  deletedRecords,
  leadStatusChanged,
  recordChanges,
  recordOwnerChanged,
} from "./firehose/triggers";
import { pollChangesTrigger } from "./pollChanges";

export const triggers = {
  pollChangesTrigger,
  recordChanges,
  deletedRecords,
  dealStageChanged,
  leadStatusChanged,
  recordOwnerChanged,
};
