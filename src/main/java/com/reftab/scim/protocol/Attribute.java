package com.reftab.scim.protocol;

import java.util.List;

/**
 * One attribute of a SCIM schema (RFC 7643 §7): what validates and canonicalises requests, what
 * filters may name, and what {@code /Schemas} advertises, so the three cannot tell different stories.
 */
public record Attribute(String name, Type type, boolean multiValued, boolean required, boolean caseExact,
                        Mutability mutability, List<Attribute> subAttributes, String description,
                        Uniqueness uniqueness, List<String> referenceTypes, List<String> canonicalValues) {

    public enum Type { STRING, BOOLEAN, DECIMAL, INTEGER, DATE_TIME, BINARY, REFERENCE, COMPLEX }

    public enum Mutability { READ_ONLY, READ_WRITE, IMMUTABLE, WRITE_ONLY }

    /** RFC 7643 §7 {@code uniqueness}: {@code server} is a uniqueness this service enforces (409 {@code uniqueness}). */
    public enum Uniqueness { NONE, SERVER, GLOBAL }

    /** RFC 7643 §7 {@code returned}, as this service answers: a write-only attribute is never returned. */
    public enum Returned { ALWAYS, NEVER, DEFAULT, REQUEST }

    public Attribute {
        subAttributes = List.copyOf(subAttributes);
        referenceTypes = List.copyOf(referenceTypes);
        canonicalValues = List.copyOf(canonicalValues);
    }

    public Attribute(String name, Type type, boolean multiValued, boolean required, boolean caseExact,
                     Mutability mutability, List<Attribute> subAttributes) {
        this(name, type, multiValued, required, caseExact, mutability, subAttributes, "", Uniqueness.NONE, List.of(), List.of());
    }

    public static Attribute string(String name) {
        return new Attribute(name, Type.STRING, false, false, false, Mutability.READ_WRITE, List.of());
    }

    public static Attribute reference(String name, String... referenceTypes) {
        return new Attribute(name, Type.REFERENCE, false, false, true, Mutability.READ_WRITE, List.of(), "",
                Uniqueness.NONE, List.of(referenceTypes), List.of());
    }

    public static Attribute bool(String name) {
        return new Attribute(name, Type.BOOLEAN, false, false, false, Mutability.READ_WRITE, List.of());
    }

    public static Attribute binary(String name) {
        return new Attribute(name, Type.BINARY, false, false, true, Mutability.READ_WRITE, List.of());
    }

    public static Attribute complex(String name, Attribute... subAttributes) {
        return new Attribute(name, Type.COMPLEX, false, false, false, Mutability.READ_WRITE, List.of(subAttributes));
    }

    public static Attribute multiComplex(String name, Attribute... subAttributes) {
        return new Attribute(name, Type.COMPLEX, true, false, false, Mutability.READ_WRITE, List.of(subAttributes));
    }

    public Attribute requiredValue() {
        return new Attribute(name, type, multiValued, true, caseExact, mutability, subAttributes, description, uniqueness,
                referenceTypes, canonicalValues);
    }

    public Attribute caseExactValue() {
        return new Attribute(name, type, multiValued, required, true, mutability, subAttributes, description, uniqueness,
                referenceTypes, canonicalValues);
    }

    /** The mutability, for the attribute and (as RFC 7643 §2.2 has it for read-only ones) its sub-attributes. */
    public Attribute withMutability(Mutability value) {
        List<Attribute> subs = subAttributes.stream().map(sub -> sub.withMutability(value)).toList();
        return new Attribute(name, type, multiValued, required, caseExact, value, subs, description, uniqueness,
                referenceTypes, canonicalValues);
    }

    public Attribute described(String text) {
        return new Attribute(name, type, multiValued, required, caseExact, mutability, subAttributes, text, uniqueness,
                referenceTypes, canonicalValues);
    }

    public Attribute unique(Uniqueness value) {
        return new Attribute(name, type, multiValued, required, caseExact, mutability, subAttributes, description, value,
                referenceTypes, canonicalValues);
    }

    public Attribute canonical(String... values) {
        return new Attribute(name, type, multiValued, required, caseExact, mutability, subAttributes, description,
                uniqueness, referenceTypes, List.of(values));
    }

    /** A write-only value (a password) is never returned; everything else by default. */
    public Returned returned() {
        return mutability == Mutability.WRITE_ONLY ? Returned.NEVER : Returned.DEFAULT;
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
