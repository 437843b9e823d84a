package dev.neuroinfo.ws.server.auth;

/** A token or ticket store could not answer; the caller reports an authentication error. */
public class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
