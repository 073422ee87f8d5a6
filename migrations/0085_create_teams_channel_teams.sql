-- Which team holds each Teams channel the bot has seen, by the team's Entra group id: Microsoft Graph names a
-- channel only under its team (/teams/{group id}/channels/{channel id}/messages), and Teams tells the bot that id
-- (channelData.team.aadGroupId) on some activities only, such as the install, so it is kept apart from the
-- conversation references, which every activity rewrites.
CREATE TABLE teams_channel_teams (
  channel_id   text PRIMARY KEY,
  aad_group_id text NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now()
);
