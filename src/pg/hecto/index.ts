/** Hecto Financial: the connector behind the PG contract. */
export { HectoConnector, newRequestId, type HectoConnectorOptions } from './connector.ts';
export { DEFAULT_TIMEOUTS, type HttpTimeouts } from './client.ts';
export { hectoKeys, type HectoKeys } from './keys.ts';
