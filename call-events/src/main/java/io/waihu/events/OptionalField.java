package io.waihu.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component that may be absent (or null) on the wire. Every unmarked component is
 * required: {@link io.waihu.events.wire.EventJson} rejects a message without it and the JSON Schema
 * lists it under {@code required}. A test keeps the two in agreement.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
// PARAMETER/FIELD/METHOD so javac copies it from the component to where Jackson looks.
@Target({ElementType.RECORD_COMPONENT, ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD})
public @interface OptionalField {
}
