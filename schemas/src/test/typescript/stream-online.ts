// Generated from the bundle by json-schema-to-typescript (see schemas/README.md).
import type { AddEventClient, ServerMessage } from "./neuroinfo-ws";

/** The title of a streamOnline event, or undefined for any other server message. */
export function streamOnlineTitle(message: ServerMessage): string | undefined {
  if (message.type !== "event" || message.data.eventType !== "streamOnline") {
    return undefined;
  }
  return message.data.eventData.title; // narrowed to StreamOnlinePayload
}

/** The message that subscribes to streamOnline events. */
export const subscribe: AddEventClient = { type: "addEvent", data: { eventType: "streamOnline" } };

// One server frame per line in; per frame its streamOnline title or "-", then the addEvent frame.
const frames = require("node:fs").readFileSync(0, "utf8").split("\n").filter((line: string) => line !== "");
for (const frame of frames) {
  console.log(streamOnlineTitle(JSON.parse(frame) as ServerMessage) ?? "-");
}
console.log(JSON.stringify(subscribe));
