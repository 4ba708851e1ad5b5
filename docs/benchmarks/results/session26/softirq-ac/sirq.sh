#!/bin/bash
# samples CPU0's softirq counts every 2 s for at most 15 minutes
end=$((SECONDS+900))
while [ $SECONDS -lt $end ]; do
  printf '%s ' "$(date +%s)"; awk 'NR>1{printf "%s=%s ", $1, $2} END{print ""}' /proc/softirqs
  sleep 2
done
