/**
 * The client side of failover, the same in every mode: the application's channels, where
 * their connects go (fencing, redirects, holds), the write hold and the interception of
 * rejected commands; what an engine learns is applied here through the seams in
 * {@code failover.internal}. Also the user API of failover: {@link FailoverListener},
 * {@link FailoverHistory}, {@link UnconfirmedWriteException} and
 * {@link RedisFailoverProperties}.
 */
@NullMarked
package io.github.redisha.failover;

import org.jspecify.annotations.NullMarked;
