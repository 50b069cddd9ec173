// The domain: types and pure rules shared by every other module. Depends on nothing.
export * from './consent.js';
export * from './content.js';
export * from './decision.js';
export * from './entity.js';
export * from './jurisdiction.js';
export * from './member.js';
export * from './notice.js';
export * from './purpose.js';
