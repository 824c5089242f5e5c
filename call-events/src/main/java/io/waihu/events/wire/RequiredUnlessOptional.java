package io.waihu.events.wire;

import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.AnnotatedParameter;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import io.waihu.events.OptionalField;

/**
 * Makes every constructor parameter of an event record required unless it carries {@link OptionalField},
 * so a missing {@code billableSeconds} fails instead of silently becoming 0.
 */
final class RequiredUnlessOptional extends NopAnnotationIntrospector {

    private static final String EVENTS_PACKAGE = "io.waihu.events";

    @Override
    public Boolean hasRequiredMarker(AnnotatedMember member) {
        if (!(member instanceof AnnotatedParameter)) {
            return null;
        }
        Class<?> owner = member.getDeclaringClass();
        if (!owner.isRecord() || !owner.getPackageName().startsWith(EVENTS_PACKAGE)) {
            return null;
        }
        return !member.hasAnnotation(OptionalField.class);
    }

    @Override
    public Version version() {
        return Version.unknownVersion();
    }
}
