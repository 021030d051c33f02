package io.github.darajakit.archfixture.http;

/** Stands for the gateway's HTTP reply. */
public record Reply(int status) {}
