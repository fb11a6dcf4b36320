package com.reftab.scim.directory;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.reftab.scim.protocol.ScimException;
import com.reftab.scim.protocol.patch.MemberOperation;
import com.reftab.scim.protocol.patch.MemberOperation.Member;
import org.springframework.stereotype.Component;

/**
 * Applies membership operations, in request order, to a group's member rows and reports the net
 * change. Adding a member that is there or removing one that is not changes nothing; every id to
 * be added must be a user of the tenant, checked before anything is written.
 * Call it inside the transaction that locked the group.
 */
@Component
public class MembershipUpdate {

    public record Delta(List<Member> added, List<String> removed) {
        public boolean isEmpty() {
            return added.isEmpty() && removed.isEmpty();
        }
    }

    private final GroupDirectory groups;

    public MembershipUpdate(GroupDirectory groups) {
        this.groups = groups;
    }

    public Delta apply(String tenantId, String groupId, List<MemberOperation> operations) {
        if (operations.isEmpty()) {
            return new Delta(List.of(), List.of());
        }
        Map<String, Member> desired = new LinkedHashMap<>();
        boolean clearOthers = false;
        for (MemberOperation operation : operations) {
            if (operation instanceof MemberOperation.Add add) {
                add.members().forEach(m -> desired.put(m.value(), m));
            } else if (operation instanceof MemberOperation.Remove remove) {
                remove.memberIds().forEach(id -> desired.put(id, null));
            } else if (operation instanceof MemberOperation.RemoveAll) {
                desired.clear();
                clearOthers = true;
            } else if (operation instanceof MemberOperation.ReplaceAll replace) {
                desired.clear();
                clearOthers = true;
                replace.members().forEach(m -> desired.put(m.value(), m));
            }
        }
        Set<String> wanted = desired.entrySet().stream().filter(e -> e.getValue() != null)
                .map(Map.Entry::getKey).collect(Collectors.toCollection(HashSet::new));
        requireUsers(tenantId, wanted);
        Set<String> present = groups.presentMembers(tenantId, groupId, desired.keySet());
        List<Member> added = desired.values().stream()
                .filter(m -> m != null && !present.contains(m.value())).toList();
        List<String> removed = new ArrayList<>();
        if (clearOthers) {
            for (String member : groups.memberIds(tenantId, groupId)) {
                if (!wanted.contains(member)) {
                    removed.add(member);
                }
            }
        } else {
            desired.forEach((id, member) -> {
                if (member == null && present.contains(id)) {
                    removed.add(id);
                }
            });
        }
        groups.removeMembers(tenantId, groupId, removed);
        groups.addMembers(tenantId, groupId, added);
        return new Delta(added, removed);
    }

    private void requireUsers(String tenantId, Set<String> ids) {
        if (ids.isEmpty()) {
            return;
        }
        Set<String> existing = groups.existingUsers(tenantId, ids);
        List<String> unknown = ids.stream().filter(id -> !existing.contains(id)).sorted().limit(5).toList();
        if (!unknown.isEmpty()) {
            throw ScimException.invalidValue("Members must be users of this tenant; unknown: " + String.join(", ", unknown)
                    + (ids.size() - existing.size() > unknown.size() ? ", …" : "") + ".");
        }
    }
}
