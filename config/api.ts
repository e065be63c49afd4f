export default {
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    withCount: true,
    // Unknown top-level query parameters are a 400, not silently ignored.
    strictParams: true,
  },
  documents: {
    // Invalid status, locale format or pagination values are a 400 (Strapi ignores them otherwise).
    strictParams: true,
  },
};
