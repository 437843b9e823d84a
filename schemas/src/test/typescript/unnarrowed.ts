// Must NOT compile: a title exists only once the message is narrowed to a streamOnline event.
import type { ServerMessage } from "./neuroinfo-ws";

export function title(message: ServerMessage): string {
  if (message.type !== "event") {
    return "-";
  }
  return message.data.eventData.title;
}
