package com.reftab.scim.protocol.patch;

import java.util.List;
import java.util.Set;

/** A change to a group's membership, applied to member rows rather than to a loaded member list. */
public sealed interface MemberOperation {

    /** A member id with the display name the client sent (may be null). */
    record Member(String value, String display) {
    }

    record Add(List<Member> members) implements MemberOperation {
    }

    record Remove(Set<String> memberIds) implements MemberOperation {
    }

    record RemoveAll() implements MemberOperation {
    }

    record ReplaceAll(List<Member> members) implements MemberOperation {
    }
}
