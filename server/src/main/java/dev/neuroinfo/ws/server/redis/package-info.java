/**
 * Cluster mode: the server's seams (tokens, tickets, connection slots, the ticket endpoint's rate
 * limit, the event bus and its streamUpdate throttle) kept in one Redis that every node shares, so
 * that several nodes behind a load balancer behave as one server. {@link
 * dev.neuroinfo.ws.server.redis.RedisBackplane} builds them all; the key layout is in {@link
 * dev.neuroinfo.ws.server.redis.RedisKeys}. Every multi-step change runs as one Lua script, so it
 * is atomic across nodes, and every time-based decision uses Redis's clock, never a node's.
 */
package dev.neuroinfo.ws.server.redis;
