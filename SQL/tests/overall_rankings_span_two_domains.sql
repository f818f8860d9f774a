-- rule: An overall league ranks only organisations scored in at least two NOF domains: a ranking from one domain (cancer, say) is that domain's league, never an overall judgement.
SELECT league, period_type, period, peer_group, org_code, domains_scored, league_rank
  FROM nof.league_table
 WHERE domain = 'overall' AND ranked AND domains_scored < 2
