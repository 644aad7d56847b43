/**
 * Credentials read from files and re-read when the files change (a Kubernetes secret
 * volume, a vault agent): {@code REDIS_PASSWORD_FILE} and the other {@code *_FILE}
 * settings, handed to Lettuce as a streaming credentials provider so that new connections
 * use the new value and live ones re-authenticate.
 */
@NullMarked
package io.github.redisha.credentials;

import org.jspecify.annotations.NullMarked;
