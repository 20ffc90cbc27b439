// The gateway's HTTP helpers live in src/http (every domain uses them); re-exported for the gateway's modules.
export { readBody, sendError, sendJson, wantsJson } from '../http/reply.js';
