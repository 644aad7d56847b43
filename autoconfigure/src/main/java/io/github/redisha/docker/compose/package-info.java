/**
 * Spring Boot Docker Compose support: a Sentinel topology in the application's compose
 * file becomes redis-ha's connection settings, so the application needs no
 * {@code REDIS_*} variables during development.
 */
@NullMarked
package io.github.redisha.docker.compose;

import org.jspecify.annotations.NullMarked;
