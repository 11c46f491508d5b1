package io.loadstack.api.users;

public enum Role {
    ADMIN,
    USER
}
