"""Reads server frames, one per line; prints each one's streamOnline title or "-", then an addEvent frame."""
import json
import sys
from typing import Optional

# Generated from the bundle by quicktype (see schemas/README.md).
from neuroinfo_ws import (AddEventClient, AddEventClientType, Data, EventType, ServerMessageType,
                          add_event_client_to_dict, server_message_from_dict)


def stream_online_title(frame: str) -> Optional[str]:
    message = server_message_from_dict(json.loads(frame))
    if message.type is ServerMessageType.EVENT and message.data.event_type is EventType.STREAM_ONLINE:
        return message.data.event_data.title
    return None


subscribe = AddEventClient(data=Data(event_type=EventType.STREAM_ONLINE), type=AddEventClientType.ADD_EVENT)

if __name__ == "__main__":
    for line in sys.stdin.read().splitlines():
        if line:
            print(stream_online_title(line) or "-")
    print(json.dumps(add_event_client_to_dict(subscribe), separators=(",", ":")))
