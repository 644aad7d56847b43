/**
 * Runtime hints for Spring AOT and GraalVM native images.
 */
@NullMarked
package io.github.redisha.aot;

import org.jspecify.annotations.NullMarked;
