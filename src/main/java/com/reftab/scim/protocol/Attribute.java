package com.reftab.scim.protocol;

import java.util.List;

/** One attribute of a SCIM schema (RFC 7643 §7), enough to validate and canonicalise requests. */
public record Attribute(String name, Type type, boolean multiValued, boolean required, boolean caseExact,
                        Mutability mutability, List<Attribute> subAttributes) {

    public enum Type { STRING, BOOLEAN, DECIMAL, INTEGER, DATE_TIME, BINARY, REFERENCE, COMPLEX }

    public enum Mutability { READ_ONLY, READ_WRITE, IMMUTABLE, WRITE_ONLY }

    public static Attribute string(String name) {
        return new Attribute(name, Type.STRING, false, false, false, Mutability.READ_WRITE, List.of());
    }

    public static Attribute reference(String name) {
        return new Attribute(name, Type.REFERENCE, false, false, true, Mutability.READ_WRITE, List.of());
    }

    public static Attribute bool(String name) {
        return new Attribute(name, Type.BOOLEAN, false, false, false, Mutability.READ_WRITE, List.of());
    }

    public static Attribute complex(String name, Attribute... subAttributes) {
        return new Attribute(name, Type.COMPLEX, false, false, false, Mutability.READ_WRITE, List.of(subAttributes));
    }

    public static Attribute multiComplex(String name, Attribute... subAttributes) {
        return new Attribute(name, Type.COMPLEX, true, false, false, Mutability.READ_WRITE, List.of(subAttributes));
    }

    public Attribute requiredValue() {
        return new Attribute(name, type, multiValued, true, caseExact, mutability, subAttributes);
    }

    public Attribute caseExactValue() {
        return new Attribute(name, type, multiValued, required, true, mutability, subAttributes);
    }

    public Attribute withMutability(Mutability value) {
        return new Attribute(name, type, multiValued, required, caseExact, value, subAttributes);
    }

    public Attribute subAttribute(String subName) {
        for (Attribute sub : subAttributes) {
            if (sub.name.equalsIgnoreCase(subName)) {
                return sub;
            }
        }
        return null;
    }
}
