package io.quotecast.protocol;

import jakarta.json.bind.JsonbException;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;

/**
 * The shared body of the outbound encoders: JSON-B with the protocol configuration. Frames are
 * encoded to text before they are queued, so that a quote broadcast to many sessions is encoded
 * once; {@link #text} is the call the push side uses.
 */
public abstract class JsonbEncoder<T> implements Encoder.Text<T> {

    @Override
    public String encode(T message) throws EncodeException {
        try {
            return ProtocolJson.JSONB.toJson(message);
        } catch (JsonbException e) {
            throw new EncodeException(message, "Cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** Our own records always encode; a failure here is a bug, not bad input. */
    public String text(T message) {
        try {
            return encode(message);
        } catch (EncodeException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
