/*
 * AWS IoT is one message broker per account and region, shared by every app and stage, so every
 * topic starts with the app and the stage. A user's events go to a topic of their own, and the
 * authorizer lets a connection subscribe to its owner's topic and nothing else.
 */

/** The app and stage a topic belongs to, as `resources.app` gives them. */
export interface TopicScope {
  name: string;
  stage: string;
}

export function userTopic(app: TopicScope, userId: string): string {
  return `${app.name}/${app.stage}/users/${userId}`;
}
