// The product's services live here, one folder per service (Accounts, Presence, Discovery,
// Capsules, Reactions, Notifications), with shared support code in Support/.
