"""Stage 6, topic models: one TopicModel value, backends behind one interface, coherence, labels, prevalence."""
