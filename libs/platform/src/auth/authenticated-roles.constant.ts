/** Metadata key of the roles @Authenticated() allows (none: any authenticated principal). */
export const AUTHENTICATED_ROLES = 'rod:authenticated-roles';
