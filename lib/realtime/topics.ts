/*
 * AWS IoT is one message broker per account and region, shared by every app and stage, so every
 * topic starts with the app and the stage. A user's events go to a topic of their own, and the
 * authorizer lets a connection subscribe to its owner's topic and nothing else.
 */

export interface TopicScope {
  app: string;
  stage: string;
}

export function userTopic(scope: TopicScope, userId: string): string {
  return `${scope.app}/${scope.stage}/users/${userId}`;
}
